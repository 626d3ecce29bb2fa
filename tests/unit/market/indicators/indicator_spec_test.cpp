#include "market/indicators/indicator_spec.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::market::indicators {
namespace {

TEST(IndicatorSpec, ParsesASinglePeriodSpecIntoOneColumn) {
  const auto spec = parse_indicator_spec("rsi:14");
  ASSERT_TRUE(spec.ok()) << spec.error().message();
  EXPECT_EQ(spec->kind, IndicatorKind::kRsi);
  EXPECT_EQ(spec->columns, std::vector<std::string>{"rsi_14"});
  EXPECT_EQ(spec->lookback, 14U);
  EXPECT_EQ(parse_indicator_spec("ema:21")->columns, std::vector<std::string>{"ema_21"});
  EXPECT_EQ(parse_indicator_spec("atr:14")->lookback, 14U);
}

TEST(IndicatorSpec, NamesEveryOutputOfMultiOutputIndicators) {
  const auto macd_spec = parse_indicator_spec("macd:12:26:9");
  ASSERT_TRUE(macd_spec.ok()) << macd_spec.error().message();
  EXPECT_EQ(macd_spec->columns,
            (std::vector<std::string>{"macd_12_26_9_line", "macd_12_26_9_signal",
                                      "macd_12_26_9_histogram"}));
  EXPECT_EQ(macd_spec->lookback, 33U);
  const auto bands = parse_indicator_spec("bb:20:2");
  ASSERT_TRUE(bands.ok()) << bands.error().message();
  EXPECT_EQ(bands->columns,
            (std::vector<std::string>{"bb_20_2_upper", "bb_20_2_middle", "bb_20_2_lower"}));
  EXPECT_EQ(bands->deviations, 2.0);
  EXPECT_EQ(parse_indicator_spec("bb:20:2.5")->deviations, 2.5);
  EXPECT_EQ(parse_indicator_spec("stoch:14:3:3")->columns,
            (std::vector<std::string>{"stoch_14_3_3_k", "stoch_14_3_3_d"}));
  EXPECT_EQ(parse_indicator_spec("stoch:14:3:3")->lookback, 17U);
  EXPECT_EQ(
      parse_indicator_spec("donchian:20")->columns,
      (std::vector<std::string>{"donchian_20_upper", "donchian_20_middle", "donchian_20_lower"}));
  EXPECT_EQ(parse_indicator_spec("obv")->columns, std::vector<std::string>{"obv"});
  EXPECT_EQ(parse_indicator_spec("obv")->lookback, 0U);
  const auto adx_spec = parse_indicator_spec("adx:14");
  ASSERT_TRUE(adx_spec.ok());
  EXPECT_EQ(adx_spec->columns,
            (std::vector<std::string>{"adx_14", "adx_14_plus_di", "adx_14_minus_di"}));
  EXPECT_EQ(adx_spec->lookback, 27U);
  EXPECT_EQ(adx_spec->column_lookbacks, (std::vector<std::size_t>{27, 14, 14}));
  const auto cloud = parse_indicator_spec("ichimoku:9:26:52");
  ASSERT_TRUE(cloud.ok());
  EXPECT_EQ(cloud->columns,
            (std::vector<std::string>{"ichimoku_9_26_52_tenkan", "ichimoku_9_26_52_kijun",
                                      "ichimoku_9_26_52_senkou_a", "ichimoku_9_26_52_senkou_b"}));
  EXPECT_EQ(cloud->column_lookbacks, (std::vector<std::size_t>{8, 25, 51, 77}));
  EXPECT_EQ(cloud->lookback, 77U);
  // With a long tenkan the leading span A starts last.
  EXPECT_EQ(parse_indicator_spec("ichimoku:30:5:6")->lookback, 29U + 5U);
  EXPECT_EQ(parse_indicator_spec("supertrend:10:3")->columns,
            (std::vector<std::string>{"supertrend_10_3", "supertrend_10_3_direction"}));
  EXPECT_EQ(parse_indicator_spec("keltner:20:2:10")->lookback, 19U);
}

TEST(IndicatorSpec, RejectsBadSpecsNamingTheSpecAndTheExpectedForm) {
  struct Case {
    const char* text;
    const char* mentions;
  };
  for (const Case& c : std::vector<Case>{{"foo:3", "unknown indicator 'foo'"},
                                         {"", "unknown indicator"},
                                         {"rsi", "rsi:PERIOD"},
                                         {"rsi:", "is not a whole number"},
                                         {"rsi:0", "rsi:PERIOD"},
                                         {"rsi:-3", "'-3'"},
                                         {"rsi:14x", "'14x'"},
                                         {"rsi:14:2", "2 parameter(s) given, 1 needed"},
                                         {"sma:1000001", "sma:PERIOD"},
                                         {"macd:26:12:9", "fast period must be shorter"},
                                         {"macd:12:26", "macd:FAST:SLOW:SIGNAL"},
                                         {"bb:20:-1", "not a positive number"},
                                         {"bb:20:nan", "not a positive number"},
                                         {"obv:3", "1 parameter(s) given, 0 needed"},
                                         {"stoch:14:3", "stoch:K:SLOW_K:D"},
                                         {"keltner:20:x:10", "not a positive number"},
                                         {"vwap:1", "vwap (no parameters"}}) {
    const auto spec = parse_indicator_spec(c.text);
    ASSERT_FALSE(spec.ok()) << c.text;
    EXPECT_EQ(spec.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_NE(spec.error().message().find(c.mentions), std::string::npos)
        << c.text << ": " << spec.error().message();
    EXPECT_NE(spec.error().message().find(std::string("'") + c.text + "'"), std::string::npos)
        << spec.error().message();
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
