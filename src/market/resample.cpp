#include "market/resample.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "market/timeframe.hpp"

namespace sigtrader::market {

namespace {

core::Status add_into(core::Decimal& total, core::Decimal amount) {
  auto sum = core::checked_add(total, amount);
  if (!sum) return sum.error();
  total = *sum;
  return {};
}

// Folds `next` (a later source candle of the same bucket) into `bucket`.
core::Status merge(Candle& bucket, const Candle& next) {
  bucket.high = std::max(bucket.high, next.high);
  bucket.low = std::min(bucket.low, next.low);
  bucket.close = next.close;
  core::Decimal volume = bucket.volume.decimal();
  core::Decimal quote_volume = bucket.quote_volume.decimal();
  SIGTRADER_RETURN_IF_ERROR(add_into(volume, next.volume.decimal()));
  SIGTRADER_RETURN_IF_ERROR(add_into(quote_volume, next.quote_volume.decimal()));
  bucket.volume = core::Quantity(volume);
  bucket.quote_volume = core::Money(quote_volume);
  bucket.trades += next.trades;
  return {};
}

}  // namespace

core::Result<CandleSeries> resample(const CandleSeries& source, core::Duration timeframe) {
  const core::Duration from = source.timeframe;
  if (from.count_ns() <= 0) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{}: cannot resample, its timeframe is unknown (fewer than two "
                                   "candles)",
                                   source.source));
  }
  if (timeframe <= from || timeframe.count_ns() % from.count_ns() != 0) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("cannot resample {} candles to {}: expected a larger timeframe "
                                   "that is a whole multiple of {}",
                                   timeframe_to_string(from), timeframe_to_string(timeframe),
                                   timeframe_to_string(from)));
  }
  const std::int64_t per_bucket = timeframe / from;

  CandleSeries result;
  result.source = source.source;
  result.symbol = source.symbol;
  result.timeframe = timeframe;
  result.report.location = source.report.location;

  std::int64_t in_bucket = 0;
  for (const Candle& candle : source.candles) {
    const core::Timestamp bucket_open = candle.open_time.floor_to(timeframe);
    if (result.candles.empty() || result.candles.back().open_time != bucket_open) {
      if (!result.candles.empty() && in_bucket < per_bucket) ++result.report.incomplete_buckets;
      Candle bucket = candle;
      bucket.open_time = bucket_open;
      result.candles.push_back(bucket);
      in_bucket = 1;
      continue;
    }
    SIGTRADER_RETURN_IF_ERROR(merge(result.candles.back(), candle));
    ++in_bucket;
  }
  if (!result.candles.empty() && in_bucket < per_bucket) ++result.report.incomplete_buckets;
  report_gaps(result.candles, timeframe, {}, result.report);
  return result;
}

}  // namespace sigtrader::market
