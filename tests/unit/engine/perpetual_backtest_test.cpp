#include <gtest/gtest.h>

#include "backtest_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;

BacktestConfig perpetual_config() {
  BacktestConfig config = testing::plain_config();
  config.markets[0].instrument.kind = core::InstrumentKind::kPerpetual;
  config.markets[0].instrument.max_leverage = 5;
  config.markets[0].leverage = 5;
  return config;
}

TEST(PerpetualBacktest, PaysFundingOnTheOpenPosition) {
  auto strategy = testing::enter_long_at(0, {}, core::Quantity::parse("2"));
  const auto candles = testing::hourly({{"100", "100", "100", "100"},
                                        {"100", "101", "100", "101"},
                                        {"101", "102", "101", "102"},
                                        {"102", "102", "102", "102"}});
  std::vector<MarketFeed> feeds = testing::feed(candles);
  // Settled at hour 3, the close of candle 2 (102): a long of 2 pays 2 × 102 × 0.001 = 0.204.
  feeds[0].funding = {{hour(3), core::Decimal::parse("0.001")}};
  auto result = run_backtest(perpetual_config(), strategy, std::move(feeds));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->total_funding, core::Money::parse("-0.204"));
  ASSERT_EQ(result->trades.size(), 1u);
  // Bought 2 at 100, closed at the end at 102: +4, less the funding in the account's equity.
  EXPECT_EQ(result->trades[0].pnl, core::Money::parse("4"));
  EXPECT_EQ(result->final_equity, core::Money::parse("10003.796"));
}

TEST(PerpetualBacktest, ShortsAreAllowedOnPerpetualsOnly) {
  const auto script = [](strategy::StrategyContext& context, int index) {
    if (index != 0) return;
    auto sent = context.enter(0, core::PositionSide::kShort, {}, core::Quantity::parse("1"));
    EXPECT_EQ(sent.ok(), context.markets()[0].instrument.kind == core::InstrumentKind::kPerpetual);
  };
  testing::Scripted strategy(script);
  const auto candles = testing::hourly(
      {{"100", "100", "100", "100"}, {"100", "100", "95", "95"}, {"95", "95", "95", "95"}});
  auto spot = run_backtest(testing::plain_config(), strategy, testing::feed(candles));
  ASSERT_TRUE(spot.ok());
  EXPECT_TRUE(spot->trades.empty());
  testing::Scripted again(script);
  auto perpetual = run_backtest(perpetual_config(), again, testing::feed(candles));
  ASSERT_TRUE(perpetual.ok());
  ASSERT_EQ(perpetual->trades.size(), 1u);
  EXPECT_EQ(perpetual->trades[0].side, core::PositionSide::kShort);
  EXPECT_EQ(perpetual->trades[0].pnl, core::Money::parse("5"));  // sold 100, bought back 95
}

}  // namespace
}  // namespace sigtrader::engine
