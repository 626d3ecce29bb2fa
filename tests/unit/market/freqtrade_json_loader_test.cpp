#include "market/freqtrade_json_loader.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::market {
namespace {

using core::Price;
using core::Quantity;
using core::Timestamp;

TEST(FreqtradeJsonLoader, KeepsTheDecimalTextOfJsonDoubles) {
  testing::TempDir dir;
  const auto path = dir.write("ETH_BTC-1m.json",
                              "[[1509836520000, 0.0016, 0.00162008, 0.0015, 0.00161, 108.14853839],"
                              " [1509836580000, 0.00161, 0.1, 1e-05, 0.00161, 0]]");
  auto series = load_freqtrade_json(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "ETH/BTC");
  ASSERT_EQ(series->candles.size(), 2u);
  const Candle& first = series->candles[0];
  EXPECT_EQ(first.open_time, Timestamp::from_ms(1509836520000));
  EXPECT_EQ(first.open.to_string(), "0.0016");
  EXPECT_EQ(first.high.to_string(), "0.00162008");
  EXPECT_EQ(first.volume.to_string(), "108.14853839");
  EXPECT_EQ(series->candles[1].low, Price::parse("0.00001"));
  EXPECT_EQ(series->timeframe, core::Duration::minutes(1));
}

TEST(FreqtradeJsonLoader, ReadsNumbersWrittenAsStrings) {
  testing::TempDir dir;
  const auto path = dir.write("x.json", R"([["1509836520000", "1.5", "2", "1", "1.25", "3.000"]])");
  auto series = load_freqtrade_json(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles[0].close, Price::parse("1.25"));
  EXPECT_EQ(series->candles[0].volume.to_string(), "3.000");
}

TEST(FreqtradeJsonLoader, NamesPerpetualsWithTheSettleCurrency) {
  testing::TempDir dir;
  const auto path = dir.write("XRP_USDT_USDT-1h-futures.json", "[[1637110800000, 1, 1, 1, 1, 1]]");
  auto series = load_freqtrade_json(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "XRP/USDT:USDT");
}

TEST(FreqtradeJsonLoader, ReportsBadRowsByTheirPositionInTheArray) {
  testing::TempDir dir;
  const auto path = dir.write("x.json",
                              "[[1509836520000, 1, 2, 0.5, 1, 1],"
                              " [1509836580000, 1, 2],"
                              " [1509836640000, \"abc\", 2, 0.5, 1, 1],"
                              " {\"ts\": 1},"
                              " [1509836760000, 1, 2, 0.5, 1, 1]]");
  auto series = load_freqtrade_json(path);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 2u);
  const DataReport& report = series->report;
  EXPECT_EQ(report.location, "row");
  EXPECT_EQ(report.bad_row_count, 3);
  ASSERT_EQ(report.bad_rows.size(), 3u);
  EXPECT_EQ(report.bad_rows[0].line, 2);
  EXPECT_EQ(report.bad_rows[1].line, 3);
  EXPECT_NE(report.bad_rows[1].reason.find("open"), std::string::npos);
  EXPECT_EQ(report.bad_rows[2].line, 4);
}

TEST(FreqtradeJsonLoader, FailsOnTextThatIsNotAJsonArray) {
  testing::TempDir dir;
  for (const char* text : {"[[1, 2", "{\"a\": 1}", ""}) {
    auto series = load_freqtrade_json(dir.write("x.json", text));
    ASSERT_FALSE(series.ok()) << text;
    EXPECT_NE(series.error().message().find("x.json"), std::string::npos);
    EXPECT_NE(series.error().message().find("[ts_ms, open, high, low, close, volume]"),
              std::string::npos)
        << series.error().message();
  }
}

TEST(FreqtradeJsonLoader, FailsOnAnEmptyArray) {
  testing::TempDir dir;
  auto series = load_freqtrade_json(dir.write("x.json", "[]"));
  ASSERT_FALSE(series.ok());
  EXPECT_NE(series.error().message().find("no valid candle rows"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::market
