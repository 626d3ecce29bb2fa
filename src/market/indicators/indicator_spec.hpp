#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace sigtrader::market::indicators {

// The indicators a spec can name.
enum class IndicatorKind {
  kSma,
  kEma,
  kWma,
  kDema,
  kTema,
  kRsi,
  kMacd,
  kBollinger,
  kAtr,
  kStochastic,
  kWilliamsR,
  kDonchian,
  kRoc,
  kObv,
  kAdx,
  kCci,
  kMfi,
  kKeltner,
  kStochRsi,
  kSuperTrend,
  kVwap,
  kIchimoku,
};

// A parsed indicator spec such as "rsi:14", "macd:12:26:9" or "bb:20:2".
struct IndicatorSpec {
  std::string text;  // the spec as given
  IndicatorKind kind = IndicatorKind::kSma;
  std::vector<std::size_t> periods;  // in spec order: (n), (fast, slow, signal), (k, slow k, d)
  double deviations = 0.0;           // the band multiplier of bb, keltner and supertrend
  std::vector<std::string> columns;  // one per output: "rsi_14", "macd_12_26_9_line", ...
  std::size_t lookback = 0;          // rows before every output column has a value
  std::vector<std::size_t> column_lookbacks;  // leading NaNs of each column (ADX's +DI starts
                                              // before its ADX)
};

// Parses "name[:param...]". Unknown names and bad parameters give an error naming the spec
// and the form expected ("expected macd:FAST:SLOW:SIGNAL with 1 <= FAST < SLOW, e.g. ...").
core::Result<IndicatorSpec> parse_indicator_spec(std::string_view text);

}  // namespace sigtrader::market::indicators
