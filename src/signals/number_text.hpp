#pragma once

#include <optional>
#include <string_view>

#include "core/decimal.hpp"

namespace sigtrader::signals {

// A price or amount as signal channels write it, normalised (no trailing fraction zeros):
//   "42500", "42,500.5", "42 500", "1,234,567", "0.00001234", "1.2k", "2.5M", "0,0012", "42.500,5".
// Separators: when both ',' and '.' appear, the last one is the decimal point and the other must
// group thousands. Commas alone group thousands when every group after the first has exactly three
// digits and the first has one to three without a leading zero ("42,500", "1,234,567"); otherwise a
// single comma is the decimal point ("1,5", "0,0012"). A single dot is always the decimal point
// ("1.500" is a price), several group thousands ("1.234.567"). Spaces
// (also no-break and thin spaces) only group thousands. A k/K suffix multiplies by 1000, m/M by a
// million. nullopt for anything else, including signs, which channels do not put on prices.
std::optional<core::Decimal> parse_number_text(std::string_view text);

// `value` with trailing fraction zeros removed: 42500.50 → 42500.5, 100.00 → 100.
core::Decimal strip_trailing_zeros(core::Decimal value);

}  // namespace sigtrader::signals
