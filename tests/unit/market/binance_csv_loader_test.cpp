#include "market/binance_csv_loader.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::market {
namespace {

using core::Money;
using core::Price;
using core::Quantity;
using core::Timestamp;

// 2024-01-01T00:00:00Z in milliseconds.
constexpr std::int64_t kT0 = 1'704'067'200'000;

std::string row(std::int64_t open_ms, const char* o, const char* h, const char* l, const char* c) {
  return std::to_string(open_ms) + "," + o + "," + h + "," + l + "," + c + ",10.5," +
         std::to_string(open_ms + 59'999) + ",1050.25,42,5.0,500.0,0\n";
}

TEST(BinanceCsvLoader, ReadsEveryFieldOfARowWithoutHeader) {
  testing::TempDir dir;
  const auto path = dir.write("BTCUSDT-1m-2024-01-01.csv",
                              row(kT0, "100.10", "101.00", "99.50", "100.90") +
                                  row(kT0 + 60'000, "100.90", "102", "100.5", "101.25"));
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "BTCUSDT");
  EXPECT_EQ(series->timeframe, core::Duration::minutes(1));
  ASSERT_EQ(series->candles.size(), 2u);
  const Candle& first = series->candles[0];
  EXPECT_EQ(first.open_time, Timestamp::from_ms(kT0));
  EXPECT_EQ(first.open, Price::parse("100.10"));
  EXPECT_EQ(first.high, Price::parse("101.00"));
  EXPECT_EQ(first.low, Price::parse("99.50"));
  EXPECT_EQ(first.close, Price::parse("100.90"));
  EXPECT_EQ(first.volume, Quantity::parse("10.5"));
  EXPECT_EQ(first.quote_volume, Money::parse("1050.25"));
  EXPECT_EQ(first.trades, 42);
  EXPECT_TRUE(series->report.clean());
}

TEST(BinanceCsvLoader, SkipsAHeaderRowOnTheFirstLine) {
  testing::TempDir dir;
  const auto path = dir.write(
      "k.csv",
      "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
      "taker_buy_quote_volume,ignore\n" +
          row(kT0, "1", "2", "0.5", "1.5"));
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 1u);
  EXPECT_EQ(series->report.bad_row_count, 0);
  EXPECT_FALSE(series->symbol.has_value());
}

TEST(BinanceCsvLoader, ReadsMicrosecondOpenTimesAsBinanceWritesSince2025) {
  testing::TempDir dir;
  const std::int64_t t0_us = kT0 * 1'000;
  const auto path = dir.write("k.csv", std::to_string(t0_us) + ",1,2,0.5,1.5,1," +
                                           std::to_string(t0_us + 59'999'999) + ",1,1,0,0,0\n" +
                                           std::to_string(t0_us + 60'000'000) + ",1,2,0.5,1.5,1," +
                                           std::to_string(t0_us + 119'999'999) + ",1,1,0,0,0\n");
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 2u);
  EXPECT_EQ(series->candles[0].open_time, Timestamp::from_ms(kT0));
  EXPECT_EQ(series->timeframe, core::Duration::minutes(1));
}

TEST(BinanceCsvLoader, ReportsBadRowsWithTheirLineNumbersAndSkipsThem) {
  testing::TempDir dir;
  const auto path = dir.write("k.csv", row(kT0, "1", "2", "0.5", "1.5") +                // line 1
                                           "1704067260000,1,2,0.5\n" +                   // 2: short
                                           row(kT0 + 120'000, "1", "x", "0.5", "1") +    // 3
                                           row(kT0 + 180'000, "1", "0.9", "0.5", "1") +  // 4
                                           row(kT0 + 240'000, "1", "2", "0.5", "1.5") +  // 5
                                           row(kT0 + 300'000, "1", "2", "0.5", "1.5"));  // 6
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 3u);
  const DataReport& report = series->report;
  EXPECT_EQ(report.bad_row_count, 3);
  ASSERT_EQ(report.bad_rows.size(), 3u);
  EXPECT_EQ(report.bad_rows[0].line, 2);
  EXPECT_NE(report.bad_rows[0].reason.find("expected 12 columns"), std::string::npos);
  EXPECT_EQ(report.bad_rows[1].line, 3);
  EXPECT_NE(report.bad_rows[1].reason.find("high"), std::string::npos);
  EXPECT_EQ(report.bad_rows[2].line, 4);
  EXPECT_NE(report.bad_rows[2].reason.find("high 0.9 is below"), std::string::npos);
  // The skipped rows leave a hole: candles at t0, t0+4m and t0+5m, 3 missing between them.
  EXPECT_EQ(report.gap_count, 1);
  EXPECT_EQ(report.missing_candles, 3);
}

TEST(BinanceCsvLoader, ReportsGapsDuplicatesAndOutOfOrderRowsThenSortsKeepingTheFirst) {
  testing::TempDir dir;
  const auto path = dir.write("k.csv", row(kT0, "1", "2", "0.5", "1.5") +                // 1
                                           row(kT0 + 120'000, "1", "2", "0.5", "1.5") +  // 2
                                           row(kT0 + 60'000, "1", "2", "0.5", "1.5") +   // 3
                                           row(kT0 + 120'000, "9", "9", "9", "9") +      // 4
                                           row(kT0 + 600'000, "1", "2", "0.5", "1.5"));  // 5
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  const DataReport& report = series->report;
  EXPECT_EQ(report.duplicate_count, 1);
  EXPECT_EQ(report.duplicate_lines, std::vector<std::int64_t>{4});
  EXPECT_EQ(report.out_of_order_count, 1);
  EXPECT_EQ(report.out_of_order_lines, std::vector<std::int64_t>{3});
  ASSERT_EQ(series->candles.size(), 4u);
  EXPECT_EQ(series->candles[1].open_time, Timestamp::from_ms(kT0 + 60'000));
  EXPECT_EQ(series->candles[2].open, Price::parse("1"));  // line 2 kept, line 4 dropped
  EXPECT_EQ(report.gap_count, 1);
  EXPECT_EQ(report.missing_candles, 7);  // minutes 3..9
  ASSERT_EQ(report.gaps.size(), 1u);
  EXPECT_EQ(report.gaps[0].line, 5);
  EXPECT_EQ(report.gaps[0].after, Timestamp::from_ms(kT0 + 120'000));
}

TEST(BinanceCsvLoader, ReportsOpenTimesBeyondWhatATimestampHoldsAsBadRows) {
  testing::TempDir dir;
  // 9.3e15 µs is the year 2264, past the last nanosecond an int64 holds (2262).
  const auto path = dir.write("k.csv", row(kT0, "1", "2", "0.5", "1.5") +
                                           row(9'300'000'000'000'000, "1", "2", "0.5", "1.5") +
                                           row(-5, "1", "2", "0.5", "1.5"));
  auto series = load_binance_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 1u);
  ASSERT_EQ(series->report.bad_rows.size(), 2u);
  EXPECT_EQ(series->report.bad_rows[0].line, 2);
  EXPECT_NE(series->report.bad_rows[0].reason.find("open time"), std::string::npos);
  EXPECT_EQ(series->report.bad_rows[1].line, 3);
}

TEST(BinanceCsvLoader, FailsOnAFileWithoutValidRowsNamingFileLineAndExpectation) {
  testing::TempDir dir;
  const auto path = dir.write("k.csv", "header,only\n1,2,3\n");
  auto series = load_binance_csv(path);
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find(path.string() + ":2: expected 12 columns"),
            std::string::npos)
      << series.error().message();
}

TEST(BinanceCsvLoader, FailsOnAMissingFile) {
  auto series = load_binance_csv("/nonexistent/k.csv");
  ASSERT_FALSE(series.ok());
  EXPECT_EQ(series.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(series.error().message().find("/nonexistent/k.csv"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::market
