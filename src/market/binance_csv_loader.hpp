#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "market/candle_series.hpp"

namespace sigtrader::market {

// Binance public-data kline CSV (data.binance.vision): 12 columns per row, open time, open, high,
// low, close, volume, close time, quote volume, trades, taker buy base volume, taker buy quote
// volume, ignore. A header row is allowed on the first line. Open times are milliseconds, or
// microseconds (spot files since 2025) when above 1e14. Bad rows are reported and skipped.
core::Result<CandleSeries> load_binance_csv(const std::filesystem::path& path);

// The same from text already read; `source` names it in messages.
core::Result<CandleSeries> parse_binance_csv(std::string_view text, std::string source);

}  // namespace sigtrader::market
