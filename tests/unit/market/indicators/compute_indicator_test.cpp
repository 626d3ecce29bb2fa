#include "market/indicators/compute_indicator.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/atr.hpp"
#include "market/indicators/indicator_spec.hpp"
#include "market/indicators/macd.hpp"
#include "market/indicators/rsi.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::make_random_walk;

TEST(ComputeIndicator, ComputesTheBatchFormOverCandleColumns) {
  const auto walk = make_random_walk(1000);
  std::vector<std::int64_t> time;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    time.push_back(static_cast<std::int64_t>(i) * 3'600'000'000'000);
  }
  const OhlcvSpans input{walk.open, walk.high, walk.low, walk.close, walk.volume, time};

  const auto rsi_columns = compute_indicator(parse_indicator_spec("rsi:14").value(), input);
  ASSERT_TRUE(rsi_columns.ok()) << rsi_columns.error().message();
  std::vector<double> expected(walk.close.size());
  rsi(walk.close, 14, expected);
  expect_identical(expected, rsi_columns->at(0), "rsi");

  const auto atr_columns = compute_indicator(parse_indicator_spec("atr:14").value(), input);
  ASSERT_TRUE(atr_columns.ok()) << atr_columns.error().message();
  atr(walk.high, walk.low, walk.close, 14, expected);
  expect_identical(expected, atr_columns->at(0), "atr");

  const auto macd_columns = compute_indicator(parse_indicator_spec("macd:12:26:9").value(), input);
  ASSERT_TRUE(macd_columns.ok());
  ASSERT_EQ(macd_columns->size(), 3U);
  Macd streaming(12, 26, 9);
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    const MacdValue value = streaming.update(walk.close[i]);
    if (i >= 33) {
      ASSERT_EQ(macd_columns->at(2)[i], value.histogram);
    }
  }

  for (const char* text :
       {"sma:5", "ema:5", "wma:5", "dema:5", "tema:5", "bb:20:2", "stoch:14:3:3", "willr:14",
        "donchian:20", "roc:10", "obv", "adx:14", "cci:20", "mfi:14", "keltner:20:2:10",
        "stochrsi:14:14:3", "supertrend:10:3", "vwap", "ichimoku:9:26:52"}) {
    const auto spec = parse_indicator_spec(text);
    ASSERT_TRUE(spec.ok()) << text;
    const auto columns = compute_indicator(spec.value(), input);
    ASSERT_TRUE(columns.ok()) << text;
    for (std::size_t k = 0; k < spec->columns.size(); ++k) {
      EXPECT_EQ(testing::leading_nans(columns->at(k)), spec->column_lookbacks[k]) << text;
    }
  }
}

TEST(ComputeIndicator, MissingHighAndLowIsAnErrorForAtr) {
  const auto walk = make_random_walk(100);
  OhlcvSpans input;
  input.close = walk.close;
  const auto columns = compute_indicator(parse_indicator_spec("atr:14").value(), input);
  ASSERT_FALSE(columns.ok());
  EXPECT_NE(columns.error().message().find("atr:14"), std::string::npos);
  EXPECT_NE(columns.error().message().find("high, low and close"), std::string::npos);
  input.high = walk.high;
  input.low = walk.low;
  input.volume = walk.volume;
  const auto no_time = compute_indicator(parse_indicator_spec("vwap").value(), input);
  ASSERT_FALSE(no_time.ok());
  EXPECT_NE(no_time.error().message().find("time column"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::market::indicators
