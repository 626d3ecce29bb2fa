#include "market/resample.hpp"

#include <gtest/gtest.h>

namespace sigtrader::market {
namespace {

using core::Duration;
using core::Money;
using core::Price;
using core::Quantity;
using core::Timestamp;

// 2024-01-01T00:00:00Z.
constexpr std::int64_t kT0 = 1'704'067'200;

Candle candle(std::int64_t minute, const char* o, const char* h, const char* l, const char* c,
              const char* volume, std::int64_t trades = 1) {
  Candle out;
  out.open_time = Timestamp::from_seconds(kT0 + minute * 60);
  out.open = Price::parse(o);
  out.high = Price::parse(h);
  out.low = Price::parse(l);
  out.close = Price::parse(c);
  out.volume = Quantity::parse(volume);
  out.quote_volume = Money::parse(volume) * core::Decimal::from_int(100);
  out.trades = trades;
  return out;
}

CandleSeries one_minute_series(std::vector<Candle> candles) {
  CandleSeries series;
  series.source = "test";
  series.timeframe = Duration::minutes(1);
  series.candles = std::move(candles);
  return series;
}

TEST(Resample, FiveOneMinuteCandlesMakeOneFiveMinuteCandle) {
  const CandleSeries source = one_minute_series({
      candle(0, "100", "101", "99", "100.5", "1", 3),
      candle(1, "100.5", "103", "100", "102", "2.5", 4),
      candle(2, "102", "102.5", "98.25", "99", "0.5", 1),
      candle(3, "99", "100", "98.5", "99.75", "1", 2),
      candle(4, "99.75", "101", "99.5", "100.25", "4", 5),
  });
  auto resampled = resample(source, Duration::minutes(5));
  ASSERT_TRUE(resampled.ok()) << resampled.error().message();
  ASSERT_EQ(resampled->candles.size(), 1u);
  const Candle& bar = resampled->candles[0];
  EXPECT_EQ(bar.open_time, Timestamp::from_seconds(kT0));
  EXPECT_EQ(bar.open, Price::parse("100"));      // open of the first
  EXPECT_EQ(bar.high, Price::parse("103"));      // max of 101, 103, 102.5, 100, 101
  EXPECT_EQ(bar.low, Price::parse("98.25"));     // min of 99, 100, 98.25, 98.5, 99.5
  EXPECT_EQ(bar.close, Price::parse("100.25"));  // close of the last
  EXPECT_EQ(bar.volume, Quantity::parse("9"));   // 1 + 2.5 + 0.5 + 1 + 4
  EXPECT_EQ(bar.quote_volume, Money::parse("900"));
  EXPECT_EQ(bar.trades, 15);  // 3 + 4 + 1 + 2 + 5
  EXPECT_EQ(resampled->timeframe, Duration::minutes(5));
  EXPECT_TRUE(resampled->report.clean());
}

TEST(Resample, AlignsBucketsToTheEpochAndCountsIncompleteOnes) {
  // Minutes 3, 4 | 5, 6, 7, 8, 9 | 11: three buckets, the first and last incomplete.
  const CandleSeries source = one_minute_series({
      candle(3, "1", "2", "1", "2", "1"),
      candle(4, "2", "3", "2", "3", "1"),
      candle(5, "3", "4", "3", "4", "1"),
      candle(6, "4", "5", "4", "5", "1"),
      candle(7, "5", "6", "5", "6", "1"),
      candle(8, "6", "7", "6", "7", "1"),
      candle(9, "7", "8", "7", "8", "1"),
      candle(11, "9", "10", "9", "10", "1"),
  });
  auto resampled = resample(source, Duration::minutes(5));
  ASSERT_TRUE(resampled.ok()) << resampled.error().message();
  ASSERT_EQ(resampled->candles.size(), 3u);
  EXPECT_EQ(resampled->candles[0].open_time, Timestamp::from_seconds(kT0));
  EXPECT_EQ(resampled->candles[0].open, Price::parse("1"));
  EXPECT_EQ(resampled->candles[0].close, Price::parse("3"));
  EXPECT_EQ(resampled->candles[1].open_time, Timestamp::from_seconds(kT0 + 300));
  EXPECT_EQ(resampled->candles[1].volume, Quantity::parse("5"));
  EXPECT_EQ(resampled->candles[2].open_time, Timestamp::from_seconds(kT0 + 600));
  EXPECT_EQ(resampled->report.incomplete_buckets, 2);
  EXPECT_EQ(resampled->report.gap_count, 0);
}

TEST(Resample, ReportsABucketWithNoSourceCandlesAsAGap) {
  const CandleSeries source = one_minute_series({
      candle(0, "1", "2", "1", "2", "1"),
      candle(1, "1", "2", "1", "2", "1"),
      candle(4, "1", "2", "1", "2", "1"),
      candle(5, "1", "2", "1", "2", "1"),
  });
  auto resampled = resample(source, Duration::minutes(2));
  ASSERT_TRUE(resampled.ok()) << resampled.error().message();
  ASSERT_EQ(resampled->candles.size(), 2u);
  EXPECT_EQ(resampled->report.gap_count, 1);
  EXPECT_EQ(resampled->report.missing_candles, 1);
  EXPECT_EQ(resampled->report.incomplete_buckets, 0);
}

TEST(Resample, RejectsASmallerEqualOrNonMultipleTimeframe) {
  const CandleSeries source = one_minute_series({candle(0, "1", "2", "1", "2", "1")});
  CandleSeries five = source;
  five.timeframe = Duration::minutes(5);
  for (const Duration target : {Duration::minutes(1), Duration::minutes(7), Duration::minutes(3)}) {
    auto resampled = resample(five, target);
    ASSERT_FALSE(resampled.ok());
    EXPECT_EQ(resampled.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_NE(resampled.error().message().find("whole multiple of 5m"), std::string::npos)
        << resampled.error().message();
  }
  EXPECT_TRUE(resample(source, Duration::minutes(3)).ok());
}

TEST(Resample, RejectsASeriesWithoutAKnownTimeframe) {
  CandleSeries source = one_minute_series({candle(0, "1", "2", "1", "2", "1")});
  source.timeframe = Duration();
  EXPECT_FALSE(resample(source, Duration::hours(1)).ok());
}

}  // namespace
}  // namespace sigtrader::market
