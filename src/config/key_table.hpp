#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/config.hpp"
#include "config/field_codec.hpp"
#include "config/rules.hpp"
#include "core/secret_names.hpp"

// The one table that describes every configuration key: its section and name, the field it fills,
// what it accepts and what it is for. Parsing the file, the environment overrides and printing the
// effective config all walk this table; adding a key is adding one row in key_table.cpp.
// Internal to the config module.
namespace sigtrader::config::detail {

struct KeySpec {
  std::string section;   // "risk"
  std::string name;      // "daily_loss_pct"
  std::string path;      // "risk.daily_loss_pct"
  std::string env_name;  // "SIGTRADER_RISK__DAILY_LOSS_PCT"
  std::string expected;  // "a number in (0, 100]"
  std::string doc;       // one line: what the key is for
  bool secret = false;   // read only from the environment; masked when printed
  // Store a value into the config; false when it has the wrong type or the rule refuses it.
  std::function<bool(const toml::node&, Config&)> set_from_toml;
  std::function<bool(std::string_view, Config&)> set_from_env;
  // The current value as TOML text (a secret as "***"); nullopt for an optional key left unset.
  std::function<std::optional<std::string>(const Config&)> format;
};

struct SectionSpec {
  std::string name;  // "risk"
  std::string doc;
};

struct KeyTable {
  std::vector<SectionSpec> sections;  // in the order a printed config lists them
  std::vector<KeySpec> keys;          // grouped by section, in the same order

  const KeySpec* find_key(std::string_view path) const;
  const KeySpec* find_by_env_name(std::string_view env_name) const;
  bool is_section(std::string_view path) const;
};

// The table of every key sigtrader knows, built once.
const KeyTable& key_table();

// "SIGTRADER_RISK__DAILY_LOSS_PCT" for "risk.daily_loss_pct": upper case, '.' becomes "__".
std::string env_name_for(std::string_view path);

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Adds the rows of one section: `SectionRows(table, "risk", &Config::risk, "...").key(...)`.
template <typename S>
class SectionRows {
 public:
  SectionRows(KeyTable& table, std::string name, S Config::*member, std::string doc)
      : table_(table), name_(std::move(name)), member_(member) {
    table_.sections.push_back({name_, std::move(doc)});
  }

  template <typename T>
  SectionRows& key(std::string name, T S::*field, Rule<T> rule, std::string doc) {
    KeySpec spec;
    spec.section = name_;
    spec.path = name_ + "." + name;
    spec.env_name = env_name_for(spec.path);
    spec.secret = core::is_secret_key_name(name);
    spec.name = std::move(name);
    spec.expected = std::move(rule.expected);
    spec.doc = std::move(doc);

    auto assign = [member = member_, field, accepts = std::move(rule.accepts)](
                      std::optional<T> value, Config& config) {
      if (!value || !accepts(*value)) return false;
      (config.*member).*field = std::move(*value);
      return true;
    };
    spec.set_from_toml = [assign](const toml::node& node, Config& config) {
      return assign(Codec<T>::from_toml(node), config);
    };
    spec.set_from_env = [assign](std::string_view text, Config& config) {
      return assign(Codec<T>::from_env(text), config);
    };
    spec.format = [member = member_, field,
                   secret = spec.secret](const Config& config) -> std::optional<std::string> {
      const T& value = (config.*member).*field;
      if constexpr (IsOptional<T>::value) {
        if (!value) return std::nullopt;
      }
      if (secret) {
        if constexpr (std::is_same_v<T, std::string>) {
          if (value.empty()) return quote_toml_string("");  // "not set" is no secret
        }
        return quote_toml_string(core::kMaskedValue);
      }
      return Codec<T>::to_toml(value);
    };
    table_.keys.push_back(std::move(spec));
    return *this;
  }

 private:
  KeyTable& table_;
  std::string name_;
  S Config::*member_;
};

}  // namespace sigtrader::config::detail
