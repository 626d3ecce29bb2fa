#include "engine/guarded_strategy.hpp"

#include <gtest/gtest.h>

#include "engine/backtest_engine.hpp"
#include "unit/engine/backtest_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;
using testing::hourly;

bus::SignalEvent long_at_close_of_c0() {
  bus::SignalEvent signal;
  signal.header.ts_event = hour(1);
  signal.header.ts_init = hour(1);
  signal.channel = core::ChannelId("telegram:-100");
  signal.message_id = core::MessageId(1);
  signal.label = "long";
  signal.confidence = 0.9;
  signal.symbol = core::Symbol{"BTC", "USDT"};
  signal.side = core::PositionSide::kLong;
  signal.entries = {core::Price::parse("100")};
  signal.targets = {core::Price::parse("130")};
  signal.stop_loss = core::Price::parse("90");
  return signal;
}

// The quantity the run bought for the signal: limit 100, filled in c1.
core::Quantity bought(strategy::Strategy& strategy) {
  const auto candles = hourly({{"100", "101", "99", "100.5"}, {"100.5", "101", "99.5", "100"}});
  const std::vector<bus::SignalEvent> signals = {long_at_close_of_c0()};
  BacktestOptions options;
  options.signals = signals;
  auto result = run_backtest(testing::plain_config(), strategy, testing::feed(candles), options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  if (!result.ok() || result->trades.empty()) return core::Quantity();
  return result->trades.front().quantity;
}

TEST(GuardedStrategy, TheSignalFollowerIsSizedByTheRiskEngine) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "signal_follower";
  risk::RiskEngineConfig risk;
  risk.validator.max_symbol_exposure_pct = 100;
  auto guarded = make_guarded_strategy(config, risk, {}, nullptr);
  ASSERT_TRUE(guarded.ok()) << guarded.error().message();
  ASSERT_NE(guarded->risk, nullptr);
  // Moderate policy: 1 % of 10000 = 100 at risk over the 10 from entry to stop: 10 BTC.
  EXPECT_EQ(bought(*guarded->strategy), core::Quantity::parse("10"));
  EXPECT_FALSE(guarded->risk->events().empty());
  EXPECT_EQ(guarded->risk->events().front().kind, "decision_accepted");
}

TEST(GuardedStrategy, WithoutARiskConfigTheFollowerSpendsItsFixedNotional) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "signal_follower";
  auto guarded = make_guarded_strategy(config, std::nullopt, {}, nullptr);
  ASSERT_TRUE(guarded.ok()) << guarded.error().message();
  EXPECT_EQ(guarded->risk, nullptr);
  // The default notional, 100 USDT at 100: 1 BTC.
  EXPECT_EQ(bought(*guarded->strategy), core::Quantity::parse("1"));
}

TEST(GuardedStrategy, OtherStrategiesAreBuiltAsTheRegistryBuildsThem) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "ema_cross";
  auto guarded = make_guarded_strategy(config, risk::RiskEngineConfig{}, {}, nullptr);
  ASSERT_TRUE(guarded.ok()) << guarded.error().message();
  EXPECT_EQ(guarded->risk, nullptr);
  EXPECT_EQ(guarded->strategy->name(), "ema_cross");
}

}  // namespace
}  // namespace sigtrader::engine
