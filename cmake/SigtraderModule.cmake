# One static library per folder under src/ (folder = namespace = library).
# Sources are globbed so that adding a file needs no edit here; CONFIGURE_DEPENDS re-globs on build.
function(sigtrader_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  # Sub-folders (market/indicators) belong to the module's library and namespace.
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  if(NOT sources)
    message(FATAL_ERROR "module ${name} has no sources")
  endif()
  add_library(sigtrader_${name} STATIC ${sources})
  add_library(sigtrader::${name} ALIAS sigtrader_${name})
  # Headers are included as "<module>/<file>.hpp".
  target_include_directories(sigtrader_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(sigtrader_${name} PUBLIC ${ARG_DEPS})
endfunction()

# One test executable per folder of tests, every *_test.cpp in it, registered with CTest under LABEL.
function(sigtrader_test_dir name)
  cmake_parse_arguments(ARG "" "LABEL" "DEPS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  # Header-only test helpers: "support/temp_dir.hpp".
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
    SIGTRADER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SIGTRADER_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}
    PROPERTIES LABELS ${ARG_LABEL}
    DISCOVERY_MODE PRE_TEST)
endfunction()
