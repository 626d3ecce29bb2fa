#include "config/symbol_rules.hpp"

#include <fmt/format.h>

namespace sigtrader::config {

core::Result<SymbolMapText> parse_symbol_map(std::string_view text) {
  const auto expected = [&text]() {
    return core::Error(core::ErrorCode::kConfig,
                       fmt::format("\"{}\": expected FROM/QUOTE:TO/QUOTE or "
                                   "FROM/QUOTE:TO/QUOTE:multiplier, e.g. "
                                   "\"PEPE/USDT:1000PEPE/USDT:1000\"",
                                   text));
  };
  const std::size_t first = text.find(':');
  if (first == std::string_view::npos) return expected();
  const std::size_t second = text.find(':', first + 1);
  auto from = core::Symbol::try_parse(text.substr(0, first));
  auto to = core::Symbol::try_parse(text.substr(
      first + 1, second == std::string_view::npos ? std::string_view::npos : second - first - 1));
  if (!from || !to) return expected();
  SymbolMapText map{*from, *to};
  if (second != std::string_view::npos) {
    auto multiplier = core::Decimal::try_parse(text.substr(second + 1));
    if (!multiplier || !multiplier->is_positive()) return expected();
    map.multiplier = *multiplier;
  }
  return map;
}

namespace detail {

Rule<std::vector<std::string>> list_of_symbols() {
  return {"a list of pairs such as \"BTC/USDT\"", [](const std::vector<std::string>& symbols) {
            for (const auto& symbol : symbols) {
              if (!core::Symbol::try_parse(symbol)) return false;
            }
            return true;
          }};
}

Rule<std::vector<std::string>> list_of_symbol_maps() {
  return {"a list such as [\"PEPE/USDT:1000PEPE/USDT:1000\"] (from:to[:price multiplier])",
          [](const std::vector<std::string>& maps) {
            for (const auto& map : maps) {
              if (!parse_symbol_map(map)) return false;
            }
            return true;
          }};
}

}  // namespace detail
}  // namespace sigtrader::config
