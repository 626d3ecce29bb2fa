#include "app/process_environment.hpp"

#include <string_view>

#include <unistd.h>  // environ: the process environment, NAME=value entries

namespace sigtrader::app {

config::Environment capture_process_environment() {
  config::Environment env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    // The first definition wins, as getenv() would return it.
    env.variables.emplace(std::string(text.substr(0, equals)),
                          std::string(text.substr(equals + 1)));
  }
  return env;
}

}  // namespace sigtrader::app
