#include "market/candle_loader.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::market {
namespace {

TEST(CandleLoader, PicksFreqtradeJsonForAJsonArray) {
  testing::TempDir dir;
  auto series = load_candles(dir.write("a.json", "[[1509836520000, 1, 2, 0.5, 1, 1]]"));
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->report.location, "row");
  // Content decides, not the extension.
  auto renamed = load_candles(dir.write("a.txt", "  [[1509836520000, 1, 2, 0.5, 1, 1]]"));
  ASSERT_TRUE(renamed.ok()) << renamed.error().message();
}

TEST(CandleLoader, PicksBinanceForTwelveColumnRowsWithOrWithoutHeader) {
  testing::TempDir dir;
  const std::string row = "1704067200000,1,2,0.5,1.5,10,1704067259999,15,7,1,1,0\n";
  auto plain = load_candles(dir.write("a.csv", row));
  ASSERT_TRUE(plain.ok()) << plain.error().message();
  EXPECT_EQ(plain->candles[0].trades, 7);
  auto with_header =
      load_candles(dir.write("b.csv",
                             "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                             "taker_buy_volume,taker_buy_quote_volume,ignore\n" +
                                 row));
  ASSERT_TRUE(with_header.ok()) << with_header.error().message();
  EXPECT_EQ(with_header->candles[0].trades, 7);
}

TEST(CandleLoader, PicksPlainCsvForAHeaderedSixColumnFile) {
  testing::TempDir dir;
  auto series = load_candles(
      dir.write("a.csv", "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,1\n"));
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 1u);
  EXPECT_EQ(series->timeframe, core::Duration());
}

TEST(CandleLoader, TakesTheTimeframeOfASingleCandleFromTheFileName) {
  testing::TempDir dir;
  auto series = load_candles(dir.write("ETHUSDT-4h-2024-01.csv",
                                       "1704067200000,1,2,0.5,1.5,10,1704081599999,15,7,1,1,0\n"));
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "ETHUSDT");
  EXPECT_EQ(series->timeframe, core::Duration::hours(4));
}

TEST(CandleLoader, PicksPlainCsvForAHeaderOfTwelveOtherColumns) {
  testing::TempDir dir;
  auto series = load_candles(dir.write("a.csv",
                                       "timestamp,open,high,low,close,volume,a,b,c,d,e,f\n"
                                       "2024-01-01,1,2,0.5,1.5,1,,,,,,\n"));
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 1u);
}

TEST(CandleLoader, FailsOnAMissingFileNamingIt) {
  auto series = load_candles("/nonexistent/candles.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_EQ(series.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(series.error().message().find("/nonexistent/candles.csv"), std::string::npos);
}

TEST(CandleLoader, FailsOnAnUnrecognisedCsvSayingWhatWasExpected) {
  testing::TempDir dir;
  auto series = load_candles(dir.write("a.csv", "hello,world\n"));
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find("timestamp,open,high,low,close,volume"),
            std::string::npos)
      << series.error().message();
}

}  // namespace
}  // namespace sigtrader::market
