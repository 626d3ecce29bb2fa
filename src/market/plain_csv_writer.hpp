#pragma once

#include <span>
#include <string>

#include "market/candle.hpp"

namespace sigtrader::market {

// Candles as the plain CSV that load_plain_csv reads back exactly: the header
// "timestamp,open,high,low,close,volume", then one row per candle with its ISO-8601 open time and
// the decimals as they are ("2024-01-01T00:00:00Z,60000.0,60125.5,59950.1,60100.2,85.123").
std::string plain_csv_text(std::span<const Candle> candles);

}  // namespace sigtrader::market
