#pragma once

#include <string_view>

namespace sigtrader::core {

// Prints the broken invariant with its location to stderr and aborts. Never returns.
// (File and line come from the macro: clang 14 with libstdc++ 12 lacks std::source_location.)
[[noreturn]] void assertion_failed(std::string_view condition, std::string_view message,
                                   const char* file, int line);

}  // namespace sigtrader::core

// A broken invariant is a bug: it is reported and the process stops, never carried on silently.
#define SIGTRADER_ASSERT(condition, message)                                          \
  do {                                                                                \
    if (!(condition)) [[unlikely]] {                                                  \
      ::sigtrader::core::assertion_failed(#condition, (message), __FILE__, __LINE__); \
    }                                                                                 \
  } while (false)
