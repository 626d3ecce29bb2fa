#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "config/config.hpp"
#include "core/time.hpp"

// What a key accepts beyond its type, and the words that describe every value it accepts. Both a
// value of the wrong type and a value the rule refuses get "expected <expected>", so a user reads
// one description whatever they got wrong. Internal to the config module.
namespace sigtrader::config::detail {

template <typename T>
struct Rule {
  std::string expected;                   // "an integer in 1..65535"
  std::function<bool(const T&)> accepts;  // true for every value the key allows
};

inline Rule<bool> boolean() {
  return {"true or false", [](bool) { return true; }};
}

inline Rule<int> integer_in(int min, int max) {
  return {"an integer in " + std::to_string(min) + ".." + std::to_string(max),
          [=](int value) { return value >= min && value <= max; }};
}

// (min, max]: for limits where zero means nothing and max is the whole.
Rule<double> number_above_up_to(double min, double max);
// [min, max].
Rule<double> number_in(double min, double max);

// [min, max].
inline Rule<double> number_from_to(double min, double max) {
  return {"a number in [" + std::to_string(min) + ", " + std::to_string(max) + "]",
          [=](double value) { return value >= min && value <= max; }};
}

inline Rule<std::string> non_empty_string() {
  return {"a non-empty string", [](const std::string& value) { return !value.empty(); }};
}

inline Rule<std::vector<std::string>> list_of_names() {
  return {"a list of non-empty strings", [](const std::vector<std::string>& values) {
            for (const auto& value : values) {
              if (value.empty()) return false;
            }
            return true;
          }};
}

// Browser origins for CORS: "*" or scheme://host[:port] with http or https and no path.
Rule<std::vector<std::string>> list_of_origins();

// A duration in [min, max], e.g. `a duration such as "90s" or "4h", from 0s to 1d`.
Rule<core::Duration> duration_in(core::Duration min, core::Duration max);

// Any of the enum's names: `one of "backtest", "paper", "live"`.
template <typename E>
Rule<E> one_of() {
  std::string expected = "one of ";
  bool first = true;
  for (const auto& entry : EnumNames<E>::kValues) {
    if (!first) expected += ", ";
    first = false;
    expected += '"';
    expected += entry.first;
    expected += '"';
  }
  return {std::move(expected), [](E) { return true; }};
}

// An optional key accepts what the rule for its value accepts.
template <typename T>
Rule<std::optional<T>> optional(Rule<T> rule) {
  return {rule.expected, [accepts = std::move(rule.accepts)](const std::optional<T>& value) {
            return !value || accepts(*value);
          }};
}

}  // namespace sigtrader::config::detail
