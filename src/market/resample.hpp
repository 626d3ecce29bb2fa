#pragma once

#include "core/result.hpp"
#include "core/time.hpp"
#include "market/candle_series.hpp"

namespace sigtrader::market {

// Candles of `timeframe` built from a series of a smaller timeframe that divides it: open of the
// first source candle, highest high, lowest low, close of the last, summed volume, quote volume
// and trades. Buckets are aligned to the epoch (Timestamp::floor_to), so 1h buckets start on the
// hour, 1d at UTC midnight and 1w on Thursdays (1970-01-01 was a Thursday). A bucket with some
// source candles missing is still produced from those that exist and counted in
// report.incomplete_buckets; a bucket with none is absent and shows as a gap. The result's report
// holds only what resampling found (its gaps at the new timeframe and incomplete buckets), not
// the source's problems.
//
// kInvalidArgument when the source's timeframe is unknown, or `timeframe` is not a whole multiple
// larger than it; kOverflow when a summed volume does not fit a decimal.
core::Result<CandleSeries> resample(const CandleSeries& source, core::Duration timeframe);

}  // namespace sigtrader::market
