#include "market/plain_csv_loader.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::market {
namespace {

using core::Price;
using core::Quantity;
using core::Timestamp;

TEST(PlainCsvLoader, ReadsIsoTimestampsInTheHeadersColumnOrder) {
  testing::TempDir dir;
  const auto path = dir.write("c.csv",
                              "close,timestamp,volume,open,low,high\r\n"
                              "1.5,2024-01-01T00:00:00Z,10,1,0.5,2\r\n"
                              "1.75,2024-01-01 01:00:00,12.5,1.5,1.25,2.5\r\n");
  auto series = load_plain_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 2u);
  const Candle& second = series->candles[1];
  EXPECT_EQ(second.open_time, Timestamp::from_seconds(1'704'070'800));
  EXPECT_EQ(second.open, Price::parse("1.5"));
  EXPECT_EQ(second.high, Price::parse("2.5"));
  EXPECT_EQ(second.low, Price::parse("1.25"));
  EXPECT_EQ(second.close, Price::parse("1.75"));
  EXPECT_EQ(second.volume, Quantity::parse("12.5"));
  EXPECT_EQ(series->timeframe, core::Duration::hours(1));
  EXPECT_TRUE(series->report.clean());
}

TEST(PlainCsvLoader, ReadsEpochSecondsAndMilliseconds) {
  testing::TempDir dir;
  const auto path = dir.write("c.csv",
                              "timestamp,open,high,low,close,volume\n"
                              "1704067200,1,2,0.5,1.5,1\n"
                              "1704067500000,1,2,0.5,1.5,1\n");
  auto series = load_plain_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 2u);
  EXPECT_EQ(series->candles[0].open_time, Timestamp::from_seconds(1'704'067'200));
  EXPECT_EQ(series->candles[1].open_time, Timestamp::from_seconds(1'704'067'500));
  EXPECT_EQ(series->timeframe, core::Duration::minutes(5));
}

TEST(PlainCsvLoader, ReportsBadRowsWithLineNumbersAndGaps) {
  testing::TempDir dir;
  const auto path = dir.write("c.csv",
                              "timestamp,open,high,low,close,volume\n"  // 1
                              "2024-01-01T00:00:00Z,1,2,0.5,1.5,1\n"    // 2
                              "2024-01-01T00:01:00Z,1,2,0.5,1.5\n"      // 3: short
                              "yesterday,1,2,0.5,1.5,1\n"               // 4
                              "2024-01-01T00:02:00Z,1,2,0.5,1.5,1\n"    // 5
                              "2024-01-01T00:05:00Z,1,2,0.5,1.5,1\n"    // 6
                              "2024-01-01T00:06:00Z,1,2,0.5,1.5,1\n"    // 7
                              "2024-01-01T00:07:00Z,1,2,0.5,1.5,1\n");  // 8
  auto series = load_plain_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  const DataReport& report = series->report;
  EXPECT_EQ(report.bad_row_count, 2);
  ASSERT_EQ(report.bad_rows.size(), 2u);
  EXPECT_EQ(report.bad_rows[0].line, 3);
  EXPECT_EQ(report.bad_rows[1].line, 4);
  EXPECT_NE(report.bad_rows[1].reason.find("\"yesterday\""), std::string::npos);
  EXPECT_EQ(report.gap_count, 2);        // 00:00 → 00:02 and 00:02 → 00:05
  EXPECT_EQ(report.missing_candles, 3);  // 00:01, 00:03, 00:04
  ASSERT_EQ(report.gaps.size(), 2u);
  EXPECT_EQ(report.gaps[0].line, 5);
  EXPECT_EQ(report.gaps[1].line, 6);
}

TEST(PlainCsvLoader, ReportsAnEpochBeyondTheYear2262AsABadRow) {
  testing::TempDir dir;
  const auto path = dir.write("c.csv",
                              "timestamp,open,high,low,close,volume\n"
                              "99999999999,1,2,0.5,1.5,1\n"
                              "1704067200,1,2,0.5,1.5,1\n");
  auto series = load_plain_csv(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->report.bad_rows.size(), 1u);
  EXPECT_EQ(series->report.bad_rows[0].line, 2);
  EXPECT_NE(series->report.bad_rows[0].reason.find("1677..2262"), std::string::npos);
}

TEST(PlainCsvLoader, FailsOnAHeaderWithoutAColumnNamingIt) {
  testing::TempDir dir;
  const auto path = dir.write("c.csv", "timestamp,open,high,low,volume\n1,1,1,1,1\n");
  auto series = load_plain_csv(path);
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find(path.string() + ":1: the header has no \"close\""),
            std::string::npos)
      << series.error().message();
}

TEST(PlainCsvLoader, FailsOnAnEmptyFile) {
  testing::TempDir dir;
  auto series = load_plain_csv(dir.write("c.csv", "\n\n"));
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find("empty"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::market
