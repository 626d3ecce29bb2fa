#include "config/rules.hpp"

#include <fmt/format.h>

namespace sigtrader::config::detail {

Rule<double> number_above_up_to(double min, double max) {
  return {fmt::format("a number in ({}, {}]", min, max),
          [=](double value) { return value > min && value <= max; }};
}

Rule<double> number_in(double min, double max) {
  return {fmt::format("a number in [{}, {}]", min, max),
          [=](double value) { return value >= min && value <= max; }};
}

namespace {

bool is_origin(std::string_view origin) {
  if (origin == "*") return true;
  std::string_view rest;
  if (origin.starts_with("http://")) {
    rest = origin.substr(7);
  } else if (origin.starts_with("https://")) {
    rest = origin.substr(8);
  } else {
    return false;
  }
  if (rest.empty()) return false;
  for (const char c : rest) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '[' ||
                         c == ']';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace

Rule<std::vector<std::string>> list_of_origins() {
  return {"a list of origins such as \"http://localhost:5173\" (scheme://host[:port]) or \"*\"",
          [](const std::vector<std::string>& origins) {
            for (const auto& origin : origins) {
              if (!is_origin(origin)) return false;
            }
            return true;
          }};
}

Rule<core::Duration> duration_in(core::Duration min, core::Duration max) {
  return {fmt::format("a duration such as \"90s\" or \"4h\", from {} to {}", min.to_string(),
                      max.to_string()),
          [=](core::Duration value) { return value >= min && value <= max; }};
}

}  // namespace sigtrader::config::detail
