#include "engine/toml_reader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "config/suggest.hpp"
#include "config/toml_text.hpp"

namespace sigtrader::engine {

std::string join_path(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::optional<core::Decimal> decimal_from_toml(const toml::node& node) {
  if (const auto* text = node.as_string()) {
    auto value = core::Decimal::try_parse(text->get());
    if (value) return *value;
    return std::nullopt;
  }
  if (const auto* integer = node.as_integer()) return core::Decimal::from_int(integer->get());
  if (const auto* floating = node.as_floating_point()) {
    // The shortest text that reads back as the same double is what the user wrote.
    auto value = core::Decimal::try_parse(fmt::format("{}", floating->get()));
    if (value) return *value;
  }
  return std::nullopt;
}

std::optional<toml::table> TomlReader::parse(std::string_view text) {
  try {
    return toml::parse(text, origin_);
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    problems_.push_back({begin.line, fmt::format("{}:{}:{}: {}", origin_, begin.line, begin.column,
                                                 error.description())});
    return std::nullopt;
  }
}

void TomlReader::problem(const toml::node& node, std::string_view path, std::string_view expected) {
  const std::uint32_t line = node.source().begin.line;
  problems_.push_back({line, fmt::format("{}:{}: {} = {}: expected {}", origin_, line, path,
                                         config::render_toml_node(node), expected)});
}

void TomlReader::problem(std::string message) {
  problems_.push_back({0, fmt::format("{}: {}", origin_, message)});
}

void TomlReader::reject_unknown(const toml::table& table, std::string_view path,
                                std::span<const std::string> known) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (std::find(known.begin(), known.end(), name) != known.end()) continue;
    const auto hint = config::closest_match(name, known);
    const std::uint32_t line = node.source().begin.line;
    problems_.push_back(
        {line, fmt::format("{}:{}: unknown key {}{}", origin_, line, join_path(path, name),
                           hint ? fmt::format("; did you mean {}?", *hint) : "")});
  }
}

std::optional<std::string> TomlReader::string(const toml::table& table, std::string_view path,
                                              std::string_view key, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) problem(fmt::format("{} is missing", join_path(path, key)));
    return std::nullopt;
  }
  if (const auto* text = node->as_string()) return text->get();
  problem(*node, join_path(path, key), "a string");
  return std::nullopt;
}

std::optional<bool> TomlReader::boolean(const toml::table& table, std::string_view path,
                                        std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* flag = node->as_boolean()) return flag->get();
  problem(*node, join_path(path, key), "true or false");
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer(const toml::table& table, std::string_view path,
                                                std::string_view key, std::int64_t min,
                                                std::int64_t max) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* value = node->as_integer(); value != nullptr) {
    if (value->get() >= min && value->get() <= max) return value->get();
  }
  problem(*node, join_path(path, key), fmt::format("an integer in {}..{}", min, max));
  return std::nullopt;
}

std::optional<core::Decimal> TomlReader::decimal(const toml::table& table, std::string_view path,
                                                 std::string_view key, std::string_view expected,
                                                 const std::function<bool(core::Decimal)>& accepts,
                                                 bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required)
      problem(fmt::format("{} is missing: expected {}", join_path(path, key), expected));
    return std::nullopt;
  }
  const std::optional<core::Decimal> value = decimal_from_toml(*node);
  if (value && accepts(*value)) return value;
  problem(*node, join_path(path, key), expected);
  return std::nullopt;
}

std::optional<core::Duration> TomlReader::duration(const toml::table& table, std::string_view path,
                                                   std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* text = node->as_string()) {
    auto value = core::Duration::try_parse(text->get());
    if (value && value->count_ns() >= 0) return *value;
  }
  problem(*node, join_path(path, key), "a duration such as \"250ms\", \"4h\" or \"1h30m\"");
  return std::nullopt;
}

std::optional<core::Timestamp> TomlReader::timestamp(const toml::table& table,
                                                     std::string_view path, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* text = node->as_string()) {
    auto value = core::Timestamp::try_parse_iso8601(text->get());
    if (value) return *value;
  }
  problem(*node, join_path(path, key),
          "an ISO-8601 date or time as a string, e.g. \"2024-01-01\" or \"2024-01-01T12:00:00Z\"");
  return std::nullopt;
}

core::Status TomlReader::finish() const {
  if (problems_.empty()) return {};
  std::vector<Problem> sorted = problems_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::string message;
  for (const Problem& problem : sorted) {
    if (!message.empty()) message += '\n';
    message += problem.text;
  }
  return core::Error(core::ErrorCode::kConfig, std::move(message));
}

}  // namespace sigtrader::engine
