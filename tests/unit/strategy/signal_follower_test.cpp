#include "strategy/signal_follower.hpp"

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "strategy/registry.hpp"
#include "unit/engine/backtest_test_support.hpp"

// Every test runs the real backtest (Kernel, OrderManager, SimExchange) on hourly BTC/USDT
// candles without fees or slippage. The signals go in through BacktestOptions::signals: a signal
// "at the close of candle i" has ts_init = hour(i + 1), so run_backtest delivers it after the
// strategy has seen that candle; orders it places then fill from the next candle on, along the
// documented intrabar path (open → the extreme nearer the open → the other extreme → close).
namespace sigtrader::strategy {
namespace {

using core::Price;
using core::Quantity;
using engine::testing::hourly;
using engine::testing::Ohlc;

struct Fill {
  core::OrderSide side;
  std::string price;
  std::string quantity;
};

// Drives `inner` and writes down its fills.
class RecordingFills final : public Strategy {
 public:
  explicit RecordingFills(Strategy& inner) : inner_(inner) {}
  std::string_view name() const override { return inner_.name(); }
  void on_start(StrategyContext& context) override { inner_.on_start(context); }
  void on_candle(StrategyContext& context, std::size_t market,
                 const market::Candle& candle) override {
    inner_.on_candle(context, market, candle);
  }
  void on_fill(StrategyContext& context, std::size_t market, const bus::FillEvent& fill) override {
    fills.push_back(Fill{fill.side, fill.price.to_string(), fill.quantity.to_string()});
    inner_.on_fill(context, market, fill);
  }
  void on_timer(StrategyContext& context, std::string_view tag) override {
    inner_.on_timer(context, tag);
  }
  void on_signal(StrategyContext& context, const bus::SignalEvent& signal) override {
    inner_.on_signal(context, signal);
  }

  std::vector<Fill> fills;

 private:
  Strategy& inner_;
};

bus::SignalEvent long_signal(std::int64_t message, std::vector<const char*> entries,
                             std::vector<const char*> targets, std::optional<const char*> stop) {
  bus::SignalEvent signal;
  signal.channel = core::ChannelId("telegram:-100");
  signal.message_id = core::MessageId(message);
  signal.label = "long";
  signal.confidence = 0.9;
  signal.symbol = core::Symbol{"BTC", "USDT"};
  signal.side = core::PositionSide::kLong;
  for (const char* price : entries)
    signal.entries.push_back(Price::parse(price));
  for (const char* price : targets)
    signal.targets.push_back(Price::parse(price));
  if (stop) signal.stop_loss = Price::parse(*stop);
  return signal;
}

bus::SignalEvent update(std::int64_t message, std::int64_t refers_to, const char* kind,
                        std::optional<const char*> stop = std::nullopt) {
  bus::SignalEvent signal;
  signal.channel = core::ChannelId("telegram:-100");
  signal.message_id = core::MessageId(message);
  signal.label = "update";
  signal.update_kind = kind;
  signal.refers_to = core::MessageId(refers_to);
  if (stop) signal.stop_loss = Price::parse(*stop);
  return signal;
}

// 1000 USDT per signal, limit at the first entry, ladder 50/25/25, break-even after TP1.
SignalFollowerConfig config() {
  SignalFollowerConfig config;
  config.notional_per_signal = core::Money::from_int(1000);
  return config;
}

struct RunResult {
  std::vector<Fill> fills;
  std::vector<SignalNote> notes;
  core::Money final_equity;
};

// `signals[i]` are received at the close of candle i, in their order.
RunResult run(SignalFollowerConfig follower_config, const std::vector<Ohlc>& rows,
              const std::map<int, std::vector<bus::SignalEvent>>& signals) {
  SignalFollower follower(std::move(follower_config));
  RecordingFills strategy(follower);
  std::vector<bus::SignalEvent> received;
  for (const auto& [index, at_close] : signals) {
    for (bus::SignalEvent signal : at_close) {
      signal.header.ts_init = engine::testing::hour(index + 1);
      received.push_back(std::move(signal));
    }
  }
  engine::BacktestOptions options;
  options.signals = received;
  const auto candles = hourly(rows);
  auto result = engine::run_backtest(engine::testing::plain_config(), strategy,
                                     engine::testing::feed(candles), options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  RunResult out{strategy.fills, follower.notes(), {}};
  if (result.ok()) out.final_equity = result->final_equity;
  return out;
}

void expect_fill(const Fill& fill, core::OrderSide side, const char* price, const char* quantity) {
  EXPECT_EQ(fill.side, side);
  EXPECT_EQ(Price::parse(fill.price), Price::parse(price)) << fill.price;
  EXPECT_EQ(Quantity::parse(fill.quantity), Quantity::parse(quantity)) << fill.quantity;
}

constexpr auto kBuy = core::OrderSide::kBuy;
constexpr auto kSell = core::OrderSide::kSell;

TEST(SignalFollower, LadderSellsHalfAtTp1ThenMovesTheStopToEntry) {
  // Signal at the close of c0: buy limit 100 for 1000 / 100 = 10.
  // c1 100.5 → 101 → 99.5: the limit fills at 100 (qty 10); stop 95 (10) and take-profits
  //    110 (10 × 0.5 = 5), 120 (10 × 0.25 = 2.5), 130 (the rest, 2.5) are placed.
  // c2 100 → 100 → 111: TP1 sells 5 at 110; the stop moves to the entry, 100, for the 5 left.
  // c3 108 → 107 → 121: TP2 sells 2.5 at 120.
  // c4 119 → 119.5 → 99: the stop sells the last 2.5 at 100; TP3 (130) is canceled.
  // c5 reaches 131: nothing is left to fill.
  // PnL = 5 × 10 + 2.5 × 20 + 2.5 × 0 = 100 → equity 10100.
  const RunResult result = run(config(),
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "111", "100", "108"},
                                {"108", "121", "107", "119"},
                                {"119", "119.5", "99", "99.5"},
                                {"99.5", "131", "99", "130"}},
                               {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}});
  ASSERT_EQ(result.fills.size(), 4u);
  expect_fill(result.fills[0], kBuy, "100", "10");
  expect_fill(result.fills[1], kSell, "110", "5");
  expect_fill(result.fills[2], kSell, "120", "2.5");
  expect_fill(result.fills[3], kSell, "100", "2.5");
  EXPECT_EQ(result.final_equity, core::Money::from_int(10'100));
}

TEST(SignalFollower, AStopHitCancelsTheTakeProfits) {
  // c1 fills the limit at 100 (10); c2 falls to 94: the stop sells 10 at 95. c3 reaches 131, but
  // the take-profits were canceled with the stop fill. PnL = 10 × (95 − 100) = −50.
  const RunResult result = run(config(),
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "101", "94", "95"},
                                {"95", "131", "95", "130"}},
                               {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}});
  ASSERT_EQ(result.fills.size(), 2u);
  expect_fill(result.fills[0], kBuy, "100", "10");
  expect_fill(result.fills[1], kSell, "95", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(9'950));
}

TEST(SignalFollower, AnEntryRangeSplitsEvenlyIntoTwoLimits) {
  // Range 100–96, 2 orders, even: sized at the nearest end, 1000 / 100 = 10 → 5 at 100, 5 at 96.
  // c1 dips to 99: buys 5 at 100. c2 dips to 95.5: buys 5 at 96 (average entry 98); the stop is
  // re-placed for all 10. c3 falls to 94: the stop sells 10 at 95. PnL = 10 × (95 − 98) = −30.
  SignalFollowerConfig split = config();
  split.entry = EntryMode::kSplit;
  split.split = EntrySplit{2, SplitRatio::kEven, {}};
  const RunResult result = run(split,
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99", "99.5"},
                                {"99.5", "100", "95.5", "97"},
                                {"97", "97", "94", "94.5"}},
                               {{0, {long_signal(1, {"100", "96"}, {"110", "120", "130"}, "95")}}});
  ASSERT_EQ(result.fills.size(), 3u);
  expect_fill(result.fills[0], kBuy, "100", "5");
  expect_fill(result.fills[1], kBuy, "96", "5");
  expect_fill(result.fills[2], kSell, "95", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(9'970));
}

TEST(SignalFollower, AnUnfilledLimitExpiresAfter24Hours) {
  // The signal arrives at hour 1 (close of c0); its limit at 100 is canceled at hour 25. Candles
  // c1..c24 stay at 105–107 (above the limit, below the 110 target); c25 dips to 99 but the
  // limit is gone: no fill.
  std::vector<Ohlc> rows(25, Ohlc{"106", "107", "105", "106"});
  rows.push_back({"106", "106", "99", "100"});
  rows.push_back({"100", "101", "99", "100"});
  const RunResult result =
      run(config(), rows, {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}});
  EXPECT_TRUE(result.fills.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].text, "unfilled entries canceled: entry_expiry elapsed");
  EXPECT_EQ(result.notes[0].ts, engine::testing::hour(25));
}

TEST(SignalFollower, AnUnfilledLimitIsCanceledWhenTheFirstTargetIsTouchedFirst) {
  // c1 runs up to 110.5 without coming back to 100: the first target (110) was reached before
  // the entry, so the limit is canceled at c1's close; c2's dip to 99 buys nothing.
  const RunResult result = run(
      config(),
      {{"104", "105", "103", "104"}, {"104", "110.5", "103", "109"}, {"109", "109", "99", "99.5"}},
      {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}});
  EXPECT_TRUE(result.fills.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].text, "unfilled entries canceled: the first target was reached first");
}

TEST(SignalFollower, ASignalWithoutAStopIsSkipped) {
  const RunResult result =
      run(config(), {{"100", "101", "99", "100.5"}, {"100.5", "101", "99", "100"}},
          {{0, {long_signal(1, {"100"}, {"110"}, std::nullopt)}}});
  EXPECT_TRUE(result.fills.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].text, "skipped: no stop loss (skip_without_stop)");
  EXPECT_EQ(result.notes[0].message_id, core::MessageId(1));
}

TEST(SignalFollower, AMoveStopUpdateReplacesTheStop) {
  // c1 fills 10 at 100 (stop 95). At c2's close the channel moves the stop to 98. c3 falls to 97:
  // the new stop sells 10 at 98 (the old one at 95 was canceled). PnL = 10 × −2 = −20.
  const RunResult result = run(config(),
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "102", "100", "101"},
                                {"101", "101", "97", "97.5"},
                                {"97.5", "97.5", "90", "91"}},
                               {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}},
                                {2, {update(2, 1, "move_stop", "98")}}});
  ASSERT_EQ(result.fills.size(), 2u);
  expect_fill(result.fills[0], kBuy, "100", "10");
  expect_fill(result.fills[1], kSell, "98", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(9'980));
}

TEST(SignalFollower, ACloseUpdateExitsAtMarketAndCancelsTheExits) {
  // c1 fills 10 at 100. At c2's close the channel says close: the market sell fills at c3's
  // open, 106. c4 spans 90–131 but the stop and targets were canceled. PnL = 10 × 6 = 60.
  const RunResult result = run(
      config(),
      {{"100", "101", "99", "100.5"},
       {"100.5", "101", "99.5", "100"},
       {"100", "106", "100", "105"},
       {"106", "107", "105", "106"},
       {"106", "131", "90", "100"}},
      {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}, {2, {update(2, 1, "close")}}});
  ASSERT_EQ(result.fills.size(), 2u);
  expect_fill(result.fills[0], kBuy, "100", "10");
  expect_fill(result.fills[1], kSell, "106", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(10'060));
}

TEST(SignalFollower, ASecondSignalForATradedMarketIsSkipped) {
  const RunResult result =
      run(config(), {{"100", "101", "99", "100.5"}, {"100.5", "101", "99.5", "100"}},
          {{0, {long_signal(1, {"100"}, {"110"}, "95"), long_signal(7, {"99"}, {"110"}, "95")}}});
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].message_id, core::MessageId(7));
  EXPECT_NE(result.notes[0].text.find("one position per market"), std::string::npos);
}

TEST(SignalFollower, IsBuiltByTheRegistryFromParameters) {
  Parameters parameters;
  parameters.set("entry", std::string("split"));
  parameters.set("split_orders", std::int64_t{3});
  parameters.set("tp_split", std::string("0.5, 0.5"));
  auto strategy = make_strategy("signal_follower", parameters, ExitPlan{});
  ASSERT_TRUE(strategy.ok()) << strategy.error().message();
  EXPECT_EQ((*strategy)->name(), "signal_follower");

  parameters.set("entry", std::string("limit_last"));
  auto bad = make_strategy("signal_follower", parameters, ExitPlan{});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("strategy.params.entry = \"limit_last\""),
            std::string::npos);
}

TEST(SignalFollower, AMovingTargetStopFollowsTheLadder) {
  // As LadderSellsHalfAtTp1ThenMovesTheStopToEntry, with trailing = moving_target: after TP1 the
  // stop goes to the entry (100), after TP2 to TP1 (110). c4 falls from 119.5 to 109: the stop
  // sells the last 2.5 at 110 instead of 100. PnL = 5 × 10 + 2.5 × 20 + 2.5 × 10 = 125.
  SignalFollowerConfig moving = config();
  moving.trailing = Trailing::kMovingTarget;
  const RunResult result = run(moving,
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "111", "100", "108"},
                                {"108", "121", "107", "119"},
                                {"119", "119.5", "109", "109.5"}},
                               {{0, {long_signal(1, {"100"}, {"110", "120", "130"}, "95")}}});
  ASSERT_EQ(result.fills.size(), 4u);
  expect_fill(result.fills[2], kSell, "120", "2.5");
  expect_fill(result.fills[3], kSell, "110", "2.5");
  EXPECT_EQ(result.final_equity, core::Money::from_int(10'125));
}

TEST(SignalFollower, APercentTrailingStopFollowsTheBestClose) {
  // trailing = percent, 5 %, from the entry fill (trail_after_tp 0). c1 fills 10 at 100; the
  // stop goes from the signal's 90 to 95 % of the best close: c1 100 → 95, c2 105 → 99.75, c3 110
  // → 104.5. c4 opens at 110, touches 110.5, falls to 103: the stop sells 10 at 104.5.
  // PnL = 10 × 4.5 = 45.
  SignalFollowerConfig trailing = config();
  trailing.trailing = Trailing::kPercent;
  trailing.trail_after_tp = 0;
  trailing.trail_pct = core::Decimal::parse("5");
  const RunResult result = run(trailing,
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "106", "99.9", "105"},
                                {"105", "112", "104", "110"},
                                {"110", "110.5", "103", "104"}},
                               {{0, {long_signal(1, {"100"}, {"130", "140"}, "90")}}});
  ASSERT_EQ(result.fills.size(), 2u);
  expect_fill(result.fills[1], kSell, "104.5", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(10'045));
}

TEST(SignalFollower, AStopTimeoutIgnoresAWickAndClosesWhenThePriceStaysBeyond) {
  // stop_timeout 90 min, stop 95, no stop order at the venue. c1 fills 10 at 100. c2 closes at
  // 94.5 (beyond; timer for 04:30) but c3 closes back at 96: the timeout is off. c4 closes at 94
  // (05:00; timer for 06:30), c5 at 93.5: still beyond when the timer fires at 06:30, so the
  // position is closed at market. Placed at 06:30, it fills at c6's next path point, its low 92
  // at 06:40 (open 93.5 → high 94 at 06:20 → low 92 at 06:40). PnL = 10 × (92 − 100) = −80.
  SignalFollowerConfig timeout = config();
  timeout.stop_timeout = core::Duration::minutes(90);
  const RunResult result = run(timeout,
                               {{"100", "101", "99", "100.5"},
                                {"100.5", "101", "99.5", "100"},
                                {"100", "100.5", "94", "94.5"},
                                {"94.5", "97", "94", "96"},
                                {"96", "96.5", "93", "94"},
                                {"94", "95", "93", "93.5"},
                                {"93.5", "94", "92", "93"},
                                {"93", "94", "92.5", "93.5"}},
                               {{0, {long_signal(1, {"100"}, {"130"}, "95")}}});
  ASSERT_EQ(result.fills.size(), 2u);
  expect_fill(result.fills[1], kSell, "92", "10");
  EXPECT_EQ(result.final_equity, core::Money::from_int(9'920));
}

TEST(SignalFollowerConfig, ReadsTrailingAndTheStopTimeout) {
  Parameters parameters;
  parameters.set("trailing", std::string("percent"));
  parameters.set("trail_pct", 2.5);
  parameters.set("trail_after_tp", std::int64_t{2});
  parameters.set("stop_timeout_minutes", std::int64_t{15});
  auto config = SignalFollowerConfig::from(parameters);
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->trailing, Trailing::kPercent);
  EXPECT_EQ(config->trail_pct, core::Decimal::parse("2.5"));
  EXPECT_EQ(config->trail_after_tp, 2);
  EXPECT_EQ(config->stop_timeout, core::Duration::minutes(15));

  Parameters bad;
  bad.set("trailing", std::string("sideways"));
  const auto refused = SignalFollowerConfig::from(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("expected none, moving_target or percent"),
            std::string::npos);
}

}  // namespace
}  // namespace sigtrader::strategy
