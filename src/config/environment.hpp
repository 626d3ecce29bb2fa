#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sigtrader::config {

// A snapshot of environment variables. The library never reads the process environment itself:
// tests pass a map, the app passes a copy of its own environment (app/process_environment.hpp).
// Sorted by name, so errors about several variables come out in a stable order.
struct Environment {
  std::map<std::string, std::string, std::less<>> variables;

  std::optional<std::string_view> get(std::string_view name) const {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return std::string_view(it->second);
  }
};

}  // namespace sigtrader::config
