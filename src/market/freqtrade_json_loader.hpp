#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "market/candle_series.hpp"

namespace sigtrader::market {

// freqtrade's JSON candle files: `[[ts_ms, open, high, low, close, volume], ...]`, numbers as JSON
// numbers or strings. A JSON double becomes a decimal through its shortest round-trip text, so
// 0.0016 stays exactly 0.0016. The report counts rows (1-based positions in the array), not lines.
// A file that is not JSON, or not an array, is an error; a bad row is reported and skipped.
core::Result<CandleSeries> load_freqtrade_json(const std::filesystem::path& path);

// The same from text already read; `source` names it in messages.
core::Result<CandleSeries> parse_freqtrade_json(std::string_view text, std::string source);

}  // namespace sigtrader::market
