#include "market/candle_series.hpp"

#include <gtest/gtest.h>

namespace sigtrader::market {
namespace {

using core::Duration;
using core::Price;
using core::Quantity;
using core::Timestamp;

Candle at_minute(std::int64_t minute, const char* close = "1") {
  Candle c;
  c.open_time = Timestamp::from_seconds(minute * 60);
  c.open = Price::parse("1");
  c.high = Price::parse("2");
  c.low = Price::parse("0.5");
  c.close = Price::parse(close);
  c.volume = Quantity::parse("3.25");
  return c;
}

TEST(CandleSeries, ACandleClosesOneTimeframeAfterItOpens) {
  EXPECT_EQ(at_minute(2).close_time(Duration::minutes(1)), Timestamp::from_seconds(180));
}

TEST(CandleSeries, InfersTheMostCommonSpacingAsTheTimeframe) {
  EXPECT_EQ(infer_timeframe({at_minute(0), at_minute(5), at_minute(10), at_minute(11)}),
            Duration::minutes(5));
  EXPECT_EQ(infer_timeframe({at_minute(0), at_minute(3), at_minute(5)}), Duration::minutes(2));
  EXPECT_EQ(infer_timeframe({at_minute(0)}), Duration());
}

TEST(CandleSeries, ColumnsHoldTheSameCandlesAsDoubles) {
  CandleSeriesBuilder builder("test");
  builder.add(1, at_minute(0, "1.5"));
  builder.add(2, at_minute(1, "1.25"));
  auto series = std::move(builder).finish();
  ASSERT_TRUE(series.ok());
  const CandleColumns columns = series->to_columns();
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns.open_time_ns[1], 60'000'000'000);
  EXPECT_EQ(columns.open[0], 1.0);
  EXPECT_EQ(columns.high[0], 2.0);
  EXPECT_EQ(columns.low[1], 0.5);
  EXPECT_EQ(columns.close[0], 1.5);
  EXPECT_EQ(columns.close[1], 1.25);
  EXPECT_EQ(columns.volume[1], 3.25);
}

TEST(CandleSeries, KeepsOnlyTheFirstFewExamplesButCountsEveryProblem) {
  CandleSeriesBuilder builder("test");
  for (std::int64_t line = 1; line <= 20; ++line)
    builder.add_bad_row(line, "bad");
  builder.add(21, at_minute(0));
  auto series = std::move(builder).finish();
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(series->report.bad_row_count, 20);
  EXPECT_EQ(series->report.bad_rows.size(), DataReport::kMaxExamples);
  EXPECT_FALSE(series->report.clean());
}

TEST(CandleSeries, TreatsAnInconsistentCandleAsABadRow) {
  CandleSeriesBuilder builder("test");
  Candle low_above_close = at_minute(0, "0.25");
  builder.add(7, low_above_close);
  builder.add(8, at_minute(1));
  auto series = std::move(builder).finish();
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series->report.bad_rows.size(), 1u);
  EXPECT_EQ(series->report.bad_rows[0].line, 7);
  EXPECT_NE(series->report.bad_rows[0].reason.find("low 0.5 is above"), std::string::npos);
}

TEST(CandleSeries, FailsWithoutValidRowsNamingTheFirstBadOne) {
  CandleSeriesBuilder builder("data.csv");
  builder.add_bad_row(3, "open: not a number");
  auto series = std::move(builder).finish();
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find("data.csv:3: open: not a number"), std::string::npos)
      << series.error().message();
}

}  // namespace
}  // namespace sigtrader::market
