#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "config/config.hpp"
#include "config/toml_text.hpp"
#include "core/time.hpp"

// How each C++ field type of Config is read from a TOML value and from an environment variable's
// text, and written back as TOML. A read returns nullopt for a value of the wrong shape; the key's
// Rule then decides whether a well-shaped value is allowed. Internal to the config module.
namespace sigtrader::config::detail {

template <typename T>
struct Codec;

template <>
struct Codec<bool> {
  static std::optional<bool> from_toml(const toml::node& node) {
    if (const auto* value = node.as_boolean()) return value->get();
    return std::nullopt;
  }
  static std::optional<bool> from_env(std::string_view text) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    return std::nullopt;
  }
  static std::string to_toml(bool value) { return value ? "true" : "false"; }
};

template <>
struct Codec<int> {
  static std::optional<int> narrow(std::int64_t value) {
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      return std::nullopt;
    }
    return static_cast<int>(value);
  }
  static std::optional<int> from_toml(const toml::node& node) {
    if (const auto* value = node.as_integer()) return narrow(value->get());
    return std::nullopt;
  }
  static std::optional<int> from_env(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return narrow(value);
  }
  static std::string to_toml(int value) { return fmt::format("{}", value); }
};

template <>
struct Codec<double> {
  // An integer is a number too: `daily_loss_pct = 5` means 5.0.
  static std::optional<double> from_toml(const toml::node& node) {
    if (const auto* value = node.as_floating_point()) return value->get();
    if (const auto* value = node.as_integer()) return static_cast<double>(value->get());
    return std::nullopt;
  }
  static std::optional<double> from_env(std::string_view text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
  }
  static std::string to_toml(double value) { return format_toml_float(value); }
};

template <>
struct Codec<std::string> {
  static std::optional<std::string> from_toml(const toml::node& node) {
    if (const auto* value = node.as_string()) return value->get();
    return std::nullopt;
  }
  static std::optional<std::string> from_env(std::string_view text) { return std::string(text); }
  static std::string to_toml(const std::string& value) { return quote_toml_string(value); }
};

// A TOML array of strings; in the environment, comma-separated ("a, b"; empty text: no items).
template <>
struct Codec<std::vector<std::string>> {
  static std::optional<std::vector<std::string>> from_toml(const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) return std::nullopt;
    std::vector<std::string> items;
    for (const toml::node& element : *array) {
      const auto* text = element.as_string();
      if (text == nullptr) return std::nullopt;
      items.push_back(text->get());
    }
    return items;
  }
  static std::optional<std::vector<std::string>> from_env(std::string_view text) {
    std::vector<std::string> items;
    if (text.find_first_not_of(' ') == std::string_view::npos) return items;
    while (true) {
      const auto comma = text.find(',');
      std::string_view item = text.substr(0, comma);
      item.remove_prefix(std::min(item.find_first_not_of(' '), item.size()));
      item.remove_suffix(item.size() - (item.find_last_not_of(' ') + 1));
      items.emplace_back(item);
      if (comma == std::string_view::npos) return items;
      text.remove_prefix(comma + 1);
    }
  }
  static std::string to_toml(const std::vector<std::string>& items) {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) text += ", ";
      text += quote_toml_string(items[i]);
    }
    return text + "]";
  }
};

// A duration as text: "90s", "4h", "1h30m".
template <>
struct Codec<core::Duration> {
  static std::optional<core::Duration> from_toml(const toml::node& node) {
    if (const auto* value = node.as_string()) return from_env(value->get());
    return std::nullopt;
  }
  static std::optional<core::Duration> from_env(std::string_view text) {
    auto parsed = core::Duration::try_parse(text);
    if (!parsed) return std::nullopt;
    return *parsed;
  }
  static std::string to_toml(core::Duration value) { return quote_toml_string(value.to_string()); }
};

// An enum as one of its names (config.hpp's EnumNames).
template <typename E>
requires std::is_enum_v<E>
struct Codec<E> {
  static std::optional<E> from_toml(const toml::node& node) {
    if (const auto* value = node.as_string()) return enum_from_name<E>(value->get());
    return std::nullopt;
  }
  static std::optional<E> from_env(std::string_view text) { return enum_from_name<E>(text); }
  static std::string to_toml(E value) { return quote_toml_string(enum_name(value)); }
};

// A key that may stay unset; once given, it reads like T.
template <typename T>
struct Codec<std::optional<T>> {
  static std::optional<std::optional<T>> from_toml(const toml::node& node) {
    auto value = Codec<T>::from_toml(node);
    if (!value) return std::nullopt;
    return std::optional<T>(std::move(*value));
  }
  static std::optional<std::optional<T>> from_env(std::string_view text) {
    auto value = Codec<T>::from_env(text);
    if (!value) return std::nullopt;
    return std::optional<T>(std::move(*value));
  }
  // Only called for a set value; the key table prints unset keys as a comment.
  static std::string to_toml(const std::optional<T>& value) { return Codec<T>::to_toml(*value); }
};

}  // namespace sigtrader::config::detail
