// libFuzzer target: arbitrary bytes as a sigtrader.toml. Loading must return a config or an error,
// never crash, hang or throw; and a config that loads must print as TOML that loads back to the
// same config.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/loader.hpp"
#include "config/print.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigtrader::config;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Environment no_variables;
  auto loaded = load_config_from_string(text, "fuzz.toml", no_variables);
  if (!loaded.ok()) {
    if (loaded.error().message().empty()) __builtin_trap();  // an error always says what
    return 0;
  }
  const std::string printed = format_config(*loaded);
  auto reloaded = load_config_from_string(printed, "printed.toml", no_variables);
  if (!reloaded.ok() || format_config(*reloaded) != printed) __builtin_trap();
  return 0;
}
