#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::engine {

// Typed reads from a parsed TOML file that collect every problem instead of stopping at the
// first, each as "file:line: path = value: expected ...", so one run of a config check lists
// them all. Used by the backtest config; values keep their TOML source line for messages.
class TomlReader {
 public:
  explicit TomlReader(std::string origin) : origin_(std::move(origin)) {}

  // Parses `text`; a syntax error is a problem and the result is empty.
  std::optional<toml::table> parse(std::string_view text);

  // Keys of `table` (at `path`) not in `known` are problems, with a "did you mean" hint.
  void reject_unknown(const toml::table& table, std::string_view path,
                      std::span<const std::string> known);

  std::optional<std::string> string(const toml::table& table, std::string_view path,
                                    std::string_view key, bool required = false);
  std::optional<bool> boolean(const toml::table& table, std::string_view path,
                              std::string_view key);
  // An integer in [min, max].
  std::optional<std::int64_t> integer(const toml::table& table, std::string_view path,
                                      std::string_view key, std::int64_t min, std::int64_t max);
  // A decimal given as a string ("0.001"), an integer or a float (read as its shortest decimal
  // form); `accepts` checks the range, `expected` says it.
  std::optional<core::Decimal> decimal(const toml::table& table, std::string_view path,
                                       std::string_view key, std::string_view expected,
                                       const std::function<bool(core::Decimal)>& accepts,
                                       bool required = false);
  std::optional<core::Duration> duration(const toml::table& table, std::string_view path,
                                         std::string_view key);
  std::optional<core::Timestamp> timestamp(const toml::table& table, std::string_view path,
                                           std::string_view key);

  // Reports a problem with `node` at `path`.
  void problem(const toml::node& node, std::string_view path, std::string_view expected);
  // Reports a problem that has no value to point at.
  void problem(std::string message);

  // kConfig listing every problem in file order, or ok.
  core::Status finish() const;
  const std::string& origin() const { return origin_; }

 private:
  struct Problem {
    std::uint32_t line = 0;
    std::string text;
  };
  std::string origin_;
  std::vector<Problem> problems_;
};

// "a.b" from a path and a key ("" + "a" = "a").
std::string join_path(std::string_view path, std::string_view key);
// A decimal from a TOML value, as TomlReader::decimal reads it; nullopt for other shapes.
std::optional<core::Decimal> decimal_from_toml(const toml::node& node);

}  // namespace sigtrader::engine
