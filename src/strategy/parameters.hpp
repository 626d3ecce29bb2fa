#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/result.hpp"

namespace sigtrader::strategy {

// A strategy parameter as the config gave it.
using ParameterValue = std::variant<bool, std::int64_t, double, std::string>;

// The `[strategy.params]` table: typed reads with defaults and ranges. Every problem is collected
// (a wrong type, a value out of range, a key no read asked for), so one run of `finish()` reports
// them all, each naming `strategy.params.<key>`, the value and what was expected.
class Parameters {
 public:
  Parameters() = default;
  explicit Parameters(std::map<std::string, ParameterValue> values) : values_(std::move(values)) {}

  void set(std::string key, ParameterValue value) { values_[std::move(key)] = std::move(value); }

  // An integer in [min, max]; `fallback` when absent.
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max);
  // A number (an integer is accepted) in [min, max].
  double number(const std::string& key, double fallback, double min, double max);
  bool boolean(const std::string& key, bool fallback);
  // A string (checked by the caller, which knows the allowed values).
  std::string text(const std::string& key, const std::string& fallback);

  // kConfig listing every problem, or ok. Keys nobody read are problems too: a typo in a
  // parameter name must not silently leave the default in place.
  core::Status finish() const;

  const std::map<std::string, ParameterValue>& values() const { return values_; }

 private:
  const ParameterValue* find(const std::string& key);
  void problem(const std::string& key, const std::string& expected);

  std::map<std::string, ParameterValue> values_;
  std::set<std::string> read_;
  std::vector<std::string> problems_;
};

// "12", "0.5", "true", "\"text\"": how a value is echoed in messages and reports.
std::string to_string(const ParameterValue& value);

}  // namespace sigtrader::strategy
