#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"

namespace sigtrader::storage {

// A list of prices (a signal's entries or targets) as one TEXT column: a JSON array of exact
// decimal strings, ["68000.5","69000"], which SQLite's json_each() can also read.
std::string encode_price_list(const std::vector<core::Price>& prices);

// Reads what encode_price_list() wrote; kParse for anything else, naming what was expected.
core::Result<std::vector<core::Price>> decode_price_list(std::string_view text);

}  // namespace sigtrader::storage
