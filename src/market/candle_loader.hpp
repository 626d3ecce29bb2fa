#pragma once

#include <filesystem>

#include "core/result.hpp"
#include "market/candle_series.hpp"

namespace sigtrader::market {

// Loads a candle file in whichever supported format it holds, chosen from its content:
// a JSON array (".json" or text starting with '[') is freqtrade JSON; a CSV whose first row has
// 12 columns and starts with an integer (or is a header naming close_time) is a Binance kline
// CSV; any other CSV must have a timestamp,open,high,low,close,volume header (plain CSV).
core::Result<CandleSeries> load_candles(const std::filesystem::path& path);

}  // namespace sigtrader::market
