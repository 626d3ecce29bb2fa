// The kernel's exits, on candles written out by hand. No fees, no slippage: prices are the
// trigger levels, and PnL is (exit − entry) × quantity. The intrabar path is open → the extreme
// nearer the open → the other extreme → close.
#include <gtest/gtest.h>

#include "backtest_test_support.hpp"
#include "engine/backtest_engine.hpp"

namespace sigtrader::engine {
namespace {

using testing::enter_long_at;
using testing::feed;
using testing::hour;
using testing::hourly;
using testing::plain_config;

core::Decimal pct(const char* text) {
  return core::Decimal::parse(text);
}

BacktestResult run(strategy::Strategy& strategy, const std::vector<market::Candle>& candles) {
  auto result = run_backtest(plain_config(), strategy, feed(candles));
  EXPECT_TRUE(result.ok()) << result.error().message();
  return result.ok() ? std::move(*result) : BacktestResult{};
}

TEST(Exits, StopLossClosesAtTheStopLevel) {
  strategy::ExitPlan exits;
  exits.stop_loss_pct = pct("2");
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // Entry at the open of candle 1: 100. Stop 2 % below: 98. Candle 2 goes up to 101 first (1
  // away from the open against 3 to the low), then down to 97, crossing 98.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "100.50", "99.50", "100"},
                                            {"100", "101", "97", "99.50"},
                                            {"99.50", "100", "99", "99.80"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  const TradeRecord& trade = result.trades[0];
  EXPECT_EQ(trade.entry_time, hour(1));
  EXPECT_EQ(trade.entry_price, core::Price::parse("100"));
  EXPECT_EQ(trade.exit_price, core::Price::parse("98"));
  EXPECT_EQ(trade.exit_reason, "stop_loss");
  EXPECT_EQ(trade.pnl, core::Money::parse("-2"));  // (98 − 100) × 1
  EXPECT_FALSE(trade.closed_at_end);
  EXPECT_EQ(result.final_equity, core::Money::parse("9998"));
}

TEST(Exits, TheStopProtectsTheEntryCandleToo) {
  strategy::ExitPlan exits;
  exits.stop_loss_pct = pct("2");
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // The entry fills at the open of candle 1 (100) and its stop (98) goes out at once; the same
  // candle goes up to 100.50, then down to 96: stopped out at 98 within the entry candle.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "100.50", "96", "99"},
                                            {"99", "99", "99", "99"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_EQ(result.trades[0].exit_reason, "stop_loss");
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("98"));
  EXPECT_LT(result.trades[0].exit_time, hour(2));
}

TEST(Exits, TakeProfitLadderClosesInParts) {
  strategy::ExitPlan exits;
  exits.take_profits = {{pct("1"), pct("0.5")}, {pct("2"), pct("0.5")}};
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("2"));
  // Entry 100; targets 101 (1 BTC) and 102 (1 BTC). Candle 2 dips to 99.80 first (nearer), then
  // rises to 102.50 through both targets.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "100.20", "99.90", "100"},
                                            {"100", "102.50", "99.80", "102"},
                                            {"102", "102", "101", "101.50"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  const TradeRecord& trade = result.trades[0];
  EXPECT_EQ(trade.quantity, core::Quantity::parse("2"));
  EXPECT_EQ(trade.exit_price, core::Price::parse("101.5"));  // (101 + 102) / 2
  EXPECT_EQ(trade.exit_reason, "take_profit");
  EXPECT_EQ(trade.pnl, core::Money::parse("3"));  // 1 × 1 + 1 × 2
  // The second target is crossed on the way from the low (99.80, 20 min in) to the high (102.50,
  // 40 min in), 2.20 / 2.70 of the way: 20 min + 20 min × 22/27 = 2177.78 s into the candle.
  const std::int64_t expected_ns = hour(2).ns() + 2'177'777'777'778;
  EXPECT_NEAR(static_cast<double>(trade.exit_time.ns()), static_cast<double>(expected_ns), 1e6);
}

TEST(Exits, NearerExtremeDecidesBetweenStopAndTarget) {
  strategy::ExitPlan exits;
  exits.stop_loss_pct = pct("2");
  exits.take_profits = {{pct("2"), pct("1")}};
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // Candle 2 holds both 98 and 102; the low (97.50) is nearer its open (99) than the high (102.50),
  // so the path reaches the stop first.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "100.10", "99.90", "99"},
                                            {"99", "102.50", "97.50", "100"},
                                            {"100", "100", "100", "100"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_EQ(result.trades[0].exit_reason, "stop_loss");
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("98"));
}

// The same candles with one-minute detail for candle 2 that rises to 102.50 in its first minutes
// and only then falls: matched against the detail, the target is hit first.
TEST(Exits, DetailTimeframeDecidesWhichWasHitFirst) {
  strategy::ExitPlan exits;
  exits.stop_loss_pct = pct("2");
  exits.take_profits = {{pct("2"), pct("1")}};
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  const auto hours = hourly({{"100", "100", "100", "100"},
                             {"100", "100.10", "99.90", "99"},
                             {"99", "102.50", "97.50", "100"},
                             {"100", "100", "100", "100"}});
  std::vector<market::Candle> minutes;
  for (int m = 0; m < 4 * 60; ++m) {
    market::Candle candle;
    candle.open_time = hour(0) + core::Duration::minutes(m);
    const int in_hour = m % 60;
    const market::Candle& parent = hours[static_cast<std::size_t>(m / 60)];
    // Flat at the hour's open, except hour 2: up to 102.50 at minute 5, down to 97.50 at 30.
    core::Price price = parent.open;
    if (m / 60 == 2) {
      price = in_hour < 5    ? core::Price::parse("99")
              : in_hour < 30 ? core::Price::parse("102.50")
                             : core::Price::parse("97.50");
    }
    if (m / 60 == 1 && in_hour == 59) price = parent.close;
    candle.open = candle.high = candle.low = candle.close = price;
    candle.volume = core::Quantity::from_int(10);
    minutes.push_back(candle);
  }
  std::vector<MarketFeed> feeds;
  feeds.push_back(
      MarketFeed{std::make_unique<market::SpanCandleSource>(hours, core::Duration::hours(1)),
                 std::make_unique<market::SpanCandleSource>(minutes, core::Duration::minutes(1)),
                 {}});
  auto result = run_backtest(plain_config(), strategy, std::move(feeds));
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->trades.size(), 1u);
  EXPECT_EQ(result->trades[0].exit_reason, "take_profit");
  // Minute 5 opens at 102.50, above the 102 target: a gap through the trigger fills at the open.
  EXPECT_EQ(result->trades[0].exit_price, core::Price::parse("102.50"));
  EXPECT_EQ(result->detail_candles, 240u);
}

TEST(Exits, TrailingStopFollowsTheBestClose) {
  strategy::ExitPlan exits;
  exits.trailing_stop_pct = pct("5");
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // Entry 100, stop 95. Candle 1 closes at 110: the stop moves to 110 × 0.95 = 104.50. Candle 2
  // falls to 104 and stops out at 104.50.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "110", "100", "110"},
                                            {"110", "111", "104", "105"},
                                            {"105", "106", "104", "105"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_EQ(result.trades[0].exit_reason, "trailing_stop");
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("104.50"));
  EXPECT_EQ(result.trades[0].pnl, core::Money::parse("4.5"));
}

TEST(Exits, BreakEvenMovesTheStopToTheEntry) {
  strategy::ExitPlan exits;
  exits.stop_loss_pct = pct("5");
  exits.break_even_after_pct = pct("1");
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // Entry 100, stop 95. Candle 1 closes at 101.50, past 101: the stop moves to 100. Candle 2
  // falls to 99 and leaves at 100: no loss.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "101.60", "99.90", "101.50"},
                                            {"101.50", "101.60", "99", "99.50"},
                                            {"99.50", "100", "99", "99.50"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_EQ(result.trades[0].exit_reason, "break_even");
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("100"));
  EXPECT_EQ(result.trades[0].pnl, core::Money::parse("0"));
}

TEST(Exits, TimeStopClosesAtTheNextOpenOnceTheTimeIsUp) {
  strategy::ExitPlan exits;
  exits.time_stop = core::Duration::hours(2);
  auto strategy = enter_long_at(0, exits, core::Quantity::parse("1"));
  // Entry at hour 1. At the close of candle 2 (hour 3) it has been open 2 h: the close goes out
  // and fills at the open of candle 3, 103.
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "101", "100", "101"},
                                            {"101", "102", "101", "102"},
                                            {"103", "104", "103", "104"},
                                            {"104", "105", "104", "105"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_EQ(result.trades[0].exit_reason, "time_stop");
  EXPECT_EQ(result.trades[0].exit_time, hour(3));
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("103"));
}

TEST(Exits, OpenPositionIsClosedAtTheLastCloseAndMarked) {
  auto strategy = enter_long_at(0, {}, core::Quantity::parse("1"));
  const auto result = run(strategy, hourly({{"100", "100", "100", "100"},
                                            {"100", "101", "100", "101"},
                                            {"101", "106", "101", "105"}}));
  ASSERT_EQ(result.trades.size(), 1u);
  EXPECT_TRUE(result.trades[0].closed_at_end);
  EXPECT_EQ(result.trades[0].exit_reason, "end_of_data");
  EXPECT_EQ(result.trades[0].exit_price, core::Price::parse("105"));
  EXPECT_EQ(result.trades[0].exit_time, hour(3));
  EXPECT_EQ(result.final_equity, core::Money::parse("10005"));
}

}  // namespace
}  // namespace sigtrader::engine

namespace sigtrader::engine {
namespace {

TEST(Kernel, AnEntryTheVenueRefusesDoesNotBlockTheNextOne) {
  int refused = 0;
  testing::Scripted strategy([&refused](strategy::StrategyContext& context, int index) {
    if (index == 0) {
      // 1000 BTC at 100 needs 100000 USDT; the account has 10000.
      (void)context.enter(0, core::PositionSide::kLong, {}, core::Quantity::parse("1000"));
      refused += context.has_pending_order(0) ? 0 : 1;
    }
    if (index == 1) {
      auto sent = context.enter(0, core::PositionSide::kLong, {}, core::Quantity::parse("1"));
      EXPECT_TRUE(sent.ok()) << sent.error().message();
    }
  });
  auto result = run_backtest(testing::plain_config(), strategy,
                             testing::feed(testing::hourly({{"100", "100", "100", "100"},
                                                            {"100", "100", "100", "100"},
                                                            {"101", "101", "101", "101"}})));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(result->rejected_orders, 1u);
  ASSERT_EQ(result->trades.size(), 1u);
  EXPECT_EQ(result->trades[0].entry_price, core::Price::parse("101"));
}

}  // namespace
}  // namespace sigtrader::engine
