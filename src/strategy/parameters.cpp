#include "strategy/parameters.hpp"

#include <fmt/format.h>

namespace sigtrader::strategy {

std::string to_string(const ParameterValue& value) {
  struct Visitor {
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
    std::string operator()(double v) const { return fmt::format("{}", v); }
    std::string operator()(const std::string& v) const { return fmt::format("\"{}\"", v); }
  };
  return std::visit(Visitor{}, value);
}

const ParameterValue* Parameters::find(const std::string& key) {
  read_.insert(key);
  const auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

void Parameters::problem(const std::string& key, const std::string& expected) {
  problems_.push_back(fmt::format("strategy.params.{} = {}: expected {}", key,
                                  to_string(values_.at(key)), expected));
}

std::int64_t Parameters::integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max) {
  const ParameterValue* value = find(key);
  if (value == nullptr) return fallback;
  const auto* integer = std::get_if<std::int64_t>(value);
  if (integer == nullptr || *integer < min || *integer > max) {
    problem(key, fmt::format("an integer in {}..{}", min, max));
    return fallback;
  }
  return *integer;
}

double Parameters::number(const std::string& key, double fallback, double min, double max) {
  const ParameterValue* value = find(key);
  if (value == nullptr) return fallback;
  double number = 0;
  if (const auto* integer = std::get_if<std::int64_t>(value)) {
    number = static_cast<double>(*integer);
  } else if (const auto* floating = std::get_if<double>(value)) {
    number = *floating;
  } else {
    problem(key, fmt::format("a number in [{}, {}]", min, max));
    return fallback;
  }
  if (!(number >= min && number <= max)) {
    problem(key, fmt::format("a number in [{}, {}]", min, max));
    return fallback;
  }
  return number;
}

bool Parameters::boolean(const std::string& key, bool fallback) {
  const ParameterValue* value = find(key);
  if (value == nullptr) return fallback;
  if (const auto* flag = std::get_if<bool>(value)) return *flag;
  problem(key, "true or false");
  return fallback;
}

std::string Parameters::text(const std::string& key, const std::string& fallback) {
  const ParameterValue* value = find(key);
  if (value == nullptr) return fallback;
  if (const auto* string = std::get_if<std::string>(value)) return *string;
  problem(key, "a string");
  return fallback;
}

core::Status Parameters::finish() const {
  std::vector<std::string> problems = problems_;
  for (const auto& [key, value] : values_) {
    if (!read_.contains(key)) {
      problems.push_back(fmt::format("strategy.params.{} = {}: not a parameter of this strategy",
                                     key, to_string(value)));
    }
  }
  if (problems.empty()) return {};
  return core::Error(core::ErrorCode::kConfig, fmt::format("{}", fmt::join(problems, "\n")));
}

}  // namespace sigtrader::strategy
