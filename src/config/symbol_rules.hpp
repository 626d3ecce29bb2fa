#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/rules.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"

namespace sigtrader::config {

// One `[risk] symbol_map` entry, "PEPE/USDT:1000PEPE/USDT:1000": signals naming `from` trade
// `to` at the venue, whose prices are `multiplier` times `from`'s (1 when left out).
struct SymbolMapText {
  core::Symbol from;
  core::Symbol to;
  core::Decimal multiplier = core::Decimal::from_int(1);
};

// The error says what was expected.
core::Result<SymbolMapText> parse_symbol_map(std::string_view text);

namespace detail {

// Pairs written BASE/QUOTE ("BTC/USDT").
Rule<std::vector<std::string>> list_of_symbols();
// "FROM/QUOTE:TO/QUOTE[:multiplier]" entries (parse_symbol_map).
Rule<std::vector<std::string>> list_of_symbol_maps();

}  // namespace detail
}  // namespace sigtrader::config
