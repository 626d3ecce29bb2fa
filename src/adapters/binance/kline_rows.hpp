#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::adapters::binance {

// One kline of a GET /api/v3/klines reply, kept as the exchange wrote it: the CSV line is the
// 12 fields joined by commas, the Binance public-data format (market::load_binance_csv).
struct KlineRow {
  core::Timestamp open_time;
  std::string csv_line;  // without the newline
};

// Parses a klines reply strictly: a JSON array of 12-element arrays [open time (integer ms),
// open, high, low, close, volume (decimal strings), close time (integer ms), quote volume
// (decimal string), trades (integer), taker buy base, taker buy quote (decimal strings), ignore],
// open times strictly increasing, close time = open time + interval - 1 ms. Any deviation is a
// kParse error naming the row and field, and no row is returned.
core::Result<std::vector<KlineRow>> parse_klines_reply(std::string_view body,
                                                       core::Duration interval);

}  // namespace sigtrader::adapters::binance
