// Loads the real public candle files in ../shared/data/candles (see its README); skipped when
// that folder is absent, as the program itself never needs it.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "market/binance_csv_loader.hpp"
#include "market/candle_loader.hpp"
#include "market/freqtrade_json_loader.hpp"
#include "market/resample.hpp"

namespace sigtrader::market {
namespace {

using core::Duration;
using core::Money;
using core::Price;
using core::Quantity;
using core::Timestamp;

const std::string kCandles = SIGTRADER_SOURCE_DIR "/../shared/data/candles/";

#define SKIP_WITHOUT(file)                                  \
  if (!std::filesystem::exists(kCandles + (file)))          \
  GTEST_SKIP() << "shared data file " << kCandles << (file) \
               << " is absent (it lives outside the repository, see shared/data/README)"

TEST(SharedData, BinanceAdaBtcFileMatchesItsFirstRowText) {
  SKIP_WITHOUT("ADABTC-1m-2021-11-27.csv");
  auto series = load_binance_csv(kCandles + "ADABTC-1m-2021-11-27.csv");
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "ADABTC");
  EXPECT_EQ(series->timeframe, Duration::minutes(1));
  ASSERT_EQ(series->candles.size(), 10u);
  EXPECT_TRUE(series->report.clean());
  // 1637971200000,0.00002853,0.00002854,0.00002851,0.00002854,36304.20000000,1637971259999,
  // 1.03547608,79,19523.00000000,0.55694227,0
  const Candle& first = series->candles[0];
  EXPECT_EQ(first.open_time, Timestamp::from_ms(1637971200000));
  EXPECT_EQ(first.open_time.to_iso8601(), "2021-11-27T00:00:00Z");
  EXPECT_EQ(first.open, Price::parse("0.00002853"));
  EXPECT_EQ(first.high, Price::parse("0.00002854"));
  EXPECT_EQ(first.low, Price::parse("0.00002851"));
  EXPECT_EQ(first.close, Price::parse("0.00002854"));
  EXPECT_EQ(first.volume, Quantity::parse("36304.2"));
  EXPECT_EQ(first.quote_volume, Money::parse("1.03547608"));
  EXPECT_EQ(first.trades, 79);
}

TEST(SharedData, FreqtradeUnittestBtcFileLoadsAndResamplesToHours) {
  SKIP_WITHOUT("UNITTEST_BTC-1m.json");
  auto series = load_freqtrade_json(kCandles + "UNITTEST_BTC-1m.json");
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "UNITTEST/BTC");
  EXPECT_EQ(series->timeframe, Duration::minutes(1));
  ASSERT_EQ(series->candles.size(), 13'681u);
  EXPECT_EQ(series->candles.front().open_time.to_iso8601(), "2017-11-04T23:02:00Z");
  EXPECT_EQ(series->candles.back().open_time.to_iso8601(), "2017-11-14T22:59:00Z");
  EXPECT_EQ(series->candles.front().open.to_string(), "0.00162008");
  // 23:02 on the 4th to 22:59 on the 14th is 10 days less 3 minutes: 14 398 open times, of
  // which the file lacks 14 398 - 13 681 = 717.
  EXPECT_EQ(series->report.missing_candles, 717);
  EXPECT_EQ(series->report.duplicate_count, 0);
  EXPECT_EQ(series->report.bad_row_count, 0);

  // Hours 2017-11-04T23:00 through 2017-11-14T22:00: 10 × 24 = 240 buckets; the first (from
  // 23:02) is incomplete.
  auto hourly = resample(*series, Duration::hours(1));
  ASSERT_TRUE(hourly.ok()) << hourly.error().message();
  EXPECT_EQ(hourly->candles.size(), 240u);
  EXPECT_EQ(hourly->candles.front().open_time.to_iso8601(), "2017-11-04T23:00:00Z");
  EXPECT_EQ(hourly->candles.back().open_time.to_iso8601(), "2017-11-14T22:00:00Z");
  EXPECT_EQ(hourly->report.gap_count, 0);
  EXPECT_GE(hourly->report.incomplete_buckets, 1);
}

TEST(SharedData, FreqtradeXrpFuturesFileHasOneHundredHourlyCandles) {
  SKIP_WITHOUT("XRP_USDT_USDT-1h-futures.json");
  auto series = load_candles(kCandles + "XRP_USDT_USDT-1h-futures.json");
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->symbol, "XRP/USDT:USDT");
  EXPECT_EQ(series->timeframe, Duration::hours(1));
  ASSERT_EQ(series->candles.size(), 100u);
  EXPECT_TRUE(series->report.clean());
  // [1637110800000,1.0801,1.09758,1.07654,1.07925,3153694.607359]
  const Candle& first = series->candles[0];
  EXPECT_EQ(first.open_time, Timestamp::from_ms(1637110800000));
  EXPECT_EQ(first.open, Price::parse("1.0801"));
  EXPECT_EQ(first.high, Price::parse("1.09758"));
  EXPECT_EQ(first.low, Price::parse("1.07654"));
  EXPECT_EQ(first.close, Price::parse("1.07925"));
  EXPECT_EQ(first.volume, Quantity::parse("3153694.607359"));
}

}  // namespace
}  // namespace sigtrader::market
