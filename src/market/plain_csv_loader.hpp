#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "market/candle_series.hpp"

namespace sigtrader::market {

// A CSV whose first line is a header naming the columns timestamp, open, high, low, close and
// volume, in any order (other columns are ignored; "date", "time", "datetime" and "open_time"
// also name the timestamp). A timestamp is ISO-8601 ("2024-01-01T00:00:00Z", "2024-01-01
// 00:00:00") or an epoch number whose unit follows from its magnitude (seconds, ms, µs, ns).
// A missing header column is an error; a bad row is reported and skipped.
core::Result<CandleSeries> load_plain_csv(const std::filesystem::path& path);

// The same from text already read; `source` names it in messages.
core::Result<CandleSeries> parse_plain_csv(std::string_view text, std::string source);

}  // namespace sigtrader::market
