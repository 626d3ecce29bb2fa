#include "engine/guarded_strategy.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/backtest_engine.hpp"
#include "strategy/signal_follower.hpp"
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

TEST(GuardedStrategy, AChannelWithItsOwnParametersFollowsThem) {
  // [strategy.channels."telegram:-100"] notional = 500: its signal buys 500 / 100 = 5 BTC
  // instead of the base 100 USDT's 1 BTC.
  auto config = parse_backtest_config(R"([[market]]
symbol = "BTC/USDT"
data = "unused.csv"
tick_size = "0.01"
step_size = "0.001"
[backtest]
fee_rate = 0
maker_fee_rate = 0
[strategy]
name = "signal_follower"
[strategy.params]
notional = 100
[strategy.channels."telegram:-100"]
notional = 500
)",
                                      "channels.toml", ".");
  ASSERT_TRUE(config.ok()) << config.error().message();
  ASSERT_EQ(config->channel_parameters.size(), 1u);
  auto guarded = make_guarded_strategy(*config, std::nullopt, {}, nullptr);
  ASSERT_TRUE(guarded.ok()) << guarded.error().message();
  EXPECT_EQ(bought(*guarded->strategy), core::Quantity::parse("5"));

  config->channel_parameters["telegram:-100"].set("tp_split", std::string("zero"));
  auto refused = make_guarded_strategy(*config, std::nullopt, {}, nullptr);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("telegram:-100"), std::string::npos)
      << refused.error().message();
}

// BTC and ETH move exactly alike (closes 100, 102, 100, 102, ...: correlation 1). A long BTC at
// market after c11 (stop 5 % below 102: 100 / 5.1 = 19.607 BTC, about 2000 USDT) is open when a
// long ETH comes after c12 (stop 95 below 100: 20 ETH, 2000 USDT). Together they are about
// 3960 USDT, above the 30 % of equity allowed on one correlated group, though each symbol alone
// is allowed: ETH is refused — unless grouping is off (correlation_threshold above 1).
std::size_t symbols_traded(double correlation_threshold) {
  BacktestConfig config = testing::plain_config();
  MarketConfig eth = config.markets.front();
  eth.instrument.symbol = core::Symbol{"ETH", "USDT"};
  config.markets.push_back(eth);
  config.strategy_name = "signal_follower";
  config.parameters.set("entry", std::string("market"));
  risk::RiskEngineConfig risk;
  risk.validator.max_symbol_exposure_pct = 100;
  risk.validator.correlation_threshold = correlation_threshold;
  auto guarded = make_guarded_strategy(config, risk, {}, nullptr);
  EXPECT_TRUE(guarded.ok()) << guarded.error().message();
  std::vector<testing::Ohlc> rows;
  for (int i = 0; i < 16; ++i) {
    rows.push_back(i % 2 == 1 ? testing::Ohlc{"100", "102.5", "99.5", "102"}
                              : testing::Ohlc{"102", "102.5", "99.5", "100"});
  }
  rows.front() = {"100", "100.5", "99.5", "100"};
  const auto candles = hourly(rows);
  bus::SignalEvent btc = long_at_close_of_c0();
  btc.header.ts_init = btc.header.ts_event = hour(12);
  btc.entries.clear();
  btc.stop_loss = core::Price::parse("96.9");
  btc.targets = {core::Price::parse("130")};
  bus::SignalEvent eth_signal = btc;
  eth_signal.message_id = core::MessageId(2);
  eth_signal.symbol = core::Symbol{"ETH", "USDT"};
  eth_signal.header.ts_init = eth_signal.header.ts_event = hour(13);
  eth_signal.stop_loss = core::Price::parse("95");
  const std::vector<bus::SignalEvent> signals = {btc, eth_signal};
  std::vector<MarketFeed> feeds = testing::feed(candles);
  feeds.push_back(std::move(testing::feed(candles).front()));
  BacktestOptions options;
  options.signals = signals;
  auto result = run_backtest(config, *guarded->strategy, std::move(feeds), options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  std::set<std::string> traded;
  if (result.ok()) {
    for (const TradeRecord& trade : result->trades)
      traded.insert(trade.symbol.to_string());
  }
  return traded.size();
}

TEST(GuardedStrategy, CorrelatedSymbolsShareOneExposureLimit) {
  EXPECT_EQ(symbols_traded(0.8), 1u);  // ETH refused: max_group_exposure
  EXPECT_EQ(symbols_traded(2.0), 2u);  // no groups: both traded
}

TEST(GuardedStrategy, OtherStrategiesAreBuiltAsTheRegistryBuildsThem) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "ema_cross";
  auto guarded = make_guarded_strategy(config, risk::RiskEngineConfig{}, {}, nullptr);
  ASSERT_TRUE(guarded.ok()) << guarded.error().message();
  EXPECT_EQ(guarded->risk, nullptr);
  EXPECT_EQ(guarded->strategy->name(), "ema_cross");
}

// Drives the guarded follower; on the close of candle `at` a person answers every signal waiting
// for approval (approve or reject).
class Approver final : public strategy::Strategy {
 public:
  Approver(strategy::SignalFollower& follower, int at, bool approve)
      : follower_(follower), at_(at), approve_(approve) {}
  std::string_view name() const override { return follower_.name(); }
  void on_candle(strategy::StrategyContext& context, std::size_t market,
                 const market::Candle& candle) override {
    follower_.on_candle(context, market, candle);
    if (index_++ != at_) return;
    for (std::uint64_t id : follower_.awaiting_approval()) {
      const core::Status answered =
          approve_ ? follower_.approve(context, id) : follower_.reject(context, id);
      EXPECT_TRUE(answered.ok()) << answered.error().message();
    }
  }
  void on_fill(strategy::StrategyContext& context, std::size_t market,
               const bus::FillEvent& fill) override {
    follower_.on_fill(context, market, fill);
  }
  void on_timer(strategy::StrategyContext& context, std::string_view tag) override {
    follower_.on_timer(context, tag);
  }
  void on_signal(strategy::StrategyContext& context, const bus::SignalEvent& signal) override {
    follower_.on_signal(context, signal);
  }

 private:
  strategy::SignalFollower& follower_;
  int at_;
  bool approve_;
  int index_ = 0;
};

struct ApprovalRun {
  std::vector<TradeRecord> trades;
  std::vector<std::string> risk_kinds;
  std::vector<strategy::SignalOutcome> outcomes;
};

// The signal has confidence 0.6: below the minimum 0.7, above the approval floor 0.5, so it
// waits (3 h at most). `answer_at`: the candle on whose close a person answers (-1: never).
ApprovalRun run_with_approval(int answer_at, bool approve) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "signal_follower";
  risk::RiskEngineConfig risk;
  risk.validator.max_symbol_exposure_pct = 100;
  risk.approval_floor = 0.5;
  risk.approval_expiry = core::Duration::hours(3);
  auto guarded = make_guarded_strategy(config, risk, {}, nullptr);
  EXPECT_TRUE(guarded.ok()) << guarded.error().message();
  auto& follower = static_cast<strategy::SignalFollower&>(*guarded->strategy);
  Approver approver(follower, answer_at, approve);
  bus::SignalEvent signal = long_at_close_of_c0();
  signal.confidence = 0.6;
  const std::vector<bus::SignalEvent> signals = {signal};
  const auto candles = hourly({{"100", "101", "99", "100.5"},
                               {"100.5", "101", "99.5", "100"},
                               {"100", "102", "99.8", "101"},
                               {"101", "102", "100", "101"},
                               {"101", "102", "100", "101"},
                               {"101", "102", "100", "101"}});
  BacktestOptions options;
  options.signals = signals;
  auto result = run_backtest(config, approver, testing::feed(candles), options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  ApprovalRun run;
  if (result.ok()) run.trades = result->trades;
  for (const bus::RiskEvent& event : guarded->risk->events())
    run.risk_kinds.push_back(event.kind);
  run.outcomes = follower.outcomes();
  return run;
}

TEST(GuardedStrategy, AnApprovedSignalIsEnteredAtMarketAndSizedAtTheApprovalPrice) {
  // Queued at 01:00; approved on c1's close (02:00, last price 100): 1 % of 10000 over the 10 to
  // the stop = 10 BTC at market, filled at c2's open, 100.
  const ApprovalRun run = run_with_approval(1, true);
  ASSERT_EQ(run.trades.size(), 1u);
  EXPECT_EQ(run.trades.front().quantity, core::Quantity::parse("10"));
  EXPECT_EQ(run.trades.front().entry_price, core::Price::parse("100"));
  EXPECT_EQ(run.risk_kinds, (std::vector<std::string>{"approval_queued", "approval_approved",
                                                      "decision_accepted"}));
}

TEST(GuardedStrategy, ARejectedSignalIsNeverTraded) {
  const ApprovalRun run = run_with_approval(1, false);
  EXPECT_TRUE(run.trades.empty());
  ASSERT_EQ(run.outcomes.size(), 1u);
  EXPECT_EQ(run.outcomes.front().end, strategy::SignalEnd::kRejected);
  EXPECT_EQ(run.risk_kinds.back(), "approval_rejected");
}

TEST(GuardedStrategy, ASignalNobodyApprovesExpiresUntraded) {
  // Queued at 01:00 for 3 h: at 04:00 it expires, in the follower and in the engine's queue.
  const ApprovalRun run = run_with_approval(-1, true);
  EXPECT_TRUE(run.trades.empty());
  ASSERT_EQ(run.outcomes.size(), 1u);
  EXPECT_EQ(run.outcomes.front().end, strategy::SignalEnd::kExpired);
  EXPECT_EQ(run.risk_kinds.back(), "approval_expired");
}

}  // namespace
}  // namespace sigtrader::engine
