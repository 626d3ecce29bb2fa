#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "engine/backtest_engine.hpp"
#include "strategy/signal_follower.hpp"
#include "support/temp_dir.hpp"
#include "unit/engine/backtest_test_support.hpp"

// Signals as an input of run_backtest: each is delivered at ts_init + classification_latency,
// after every candle closing at or before that instant and before the later ones (DESIGN.md §2).
// Hourly BTC/USDT candles, candle i opening at hour(i) and closing at hour(i + 1); no fees, no
// slippage, no exchange latency. Intrabar path (intrabar_path.hpp): open at the open time, the
// extreme nearer the open at +20 min, the other extreme at +40 min, close at +60 min.
namespace sigtrader::engine {
namespace {

using core::Duration;
using core::Price;
using core::Timestamp;
using testing::hour;
using testing::hourly;
using testing::Ohlc;

bus::SignalEvent signal_at(Timestamp ts_init, std::int64_t message) {
  bus::SignalEvent signal;
  signal.header.ts_event = ts_init;
  signal.header.ts_init = ts_init;
  signal.channel = core::ChannelId("telegram:-100");
  signal.message_id = core::MessageId(message);
  signal.label = "long";
  signal.symbol = core::Symbol{"BTC", "USDT"};
  signal.side = core::PositionSide::kLong;
  return signal;
}

// Writes down what it sees and when ("candle 01:00", "signal 7 01:30", "fill 104 01:40"), and
// with `enter_on_signal` buys 1 BTC at market on every signal.
class Probe final : public strategy::Strategy {
 public:
  explicit Probe(bool enter_on_signal = false) : enter_on_signal_(enter_on_signal) {}
  std::string_view name() const override { return "probe"; }
  void on_candle(strategy::StrategyContext& context, std::size_t, const market::Candle&) override {
    log.push_back("candle " + clock_time(context.now()));
  }
  void on_signal(strategy::StrategyContext& context, const bus::SignalEvent& signal) override {
    log.push_back(
        fmt::format("signal {} {}", signal.message_id.value(), clock_time(context.now())));
    if (!enter_on_signal_) return;
    auto sent = context.enter(0, core::PositionSide::kLong, {}, core::Quantity::parse("1"));
    EXPECT_TRUE(sent.ok()) << sent.error().message();
  }
  void on_fill(strategy::StrategyContext&, std::size_t, const bus::FillEvent& fill) override {
    log.push_back(
        fmt::format("fill {} {}", fill.price.to_string(), clock_time(fill.header.ts_event)));
  }

  std::vector<std::string> log;

 private:
  // "HH:MM" after hour(0); the day never rolls over in these tests.
  static std::string clock_time(Timestamp ts) {
    const std::int64_t minutes = (ts - hour(0)).count_ns() / 60'000'000'000;
    return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
  }
  bool enter_on_signal_;
};

const std::vector<Ohlc> kThreeCandles = {
    {"100", "101", "99", "100.5"}, {"102", "104", "101", "103"}, {"103", "105", "102", "104"}};

BacktestResult run(strategy::Strategy& strategy, const std::vector<Ohlc>& rows,
                   const std::vector<bus::SignalEvent>& signals, Duration latency = Duration()) {
  const auto candles = hourly(rows);
  BacktestOptions options;
  options.signals = signals;
  options.classification_latency = latency;
  auto result = run_backtest(testing::plain_config(), strategy, testing::feed(candles), options);
  EXPECT_TRUE(result.ok()) << result.error().message();
  return result.ok() ? std::move(*result) : BacktestResult{};
}

TEST(BacktestSignals, ASignalBetweenTwoClosesIsDeliveredAfterTheFirstAndBeforeTheSecond) {
  // Closes at 01:00, 02:00, 03:00; the signal's ts_init is 01:30, so the strategy sees it after
  // c0 and before c1, with its clock at 01:30 exactly.
  Probe probe;
  const BacktestResult result =
      run(probe, kThreeCandles, {signal_at(hour(1) + Duration::minutes(30), 7)});
  EXPECT_EQ(probe.log, (std::vector<std::string>{"candle 01:00", "signal 7 01:30", "candle 02:00",
                                                 "candle 03:00"}));
  EXPECT_EQ(result.signals_delivered, 1u);
  EXPECT_EQ(result.signals_after_data, 0u);
}

TEST(BacktestSignals, AMarketEntryFromASignalFillsOnlyOnThePathAfterTheSignal) {
  // Signal at 01:30, during c1 (open 102 at 01:00, low 101 at 01:20 — nearer the open —, high 104
  // at 01:40, close 103 at 02:00). The market buy is live from 01:30: not c0's close (100.5), not
  // c1's open or low, which came before it, but the first path point after it, 104 at 01:40.
  Probe probe(true);
  run(probe, kThreeCandles, {signal_at(hour(1) + Duration::minutes(30), 7)});
  EXPECT_EQ(probe.log, (std::vector<std::string>{"candle 01:00", "signal 7 01:30", "fill 104 01:40",
                                                 "candle 02:00", "candle 03:00"}));
}

TEST(BacktestSignals, AMarketEntryFromASignalAtACloseFillsAtTheNextOpen) {
  // Signal at 01:00, c0's close: c0 goes first, then the signal; the buy meets c1's open, 102.
  Probe probe(true);
  run(probe, kThreeCandles, {signal_at(hour(1), 7)});
  EXPECT_EQ(probe.log, (std::vector<std::string>{"candle 01:00", "signal 7 01:00", "fill 102 01:00",
                                                 "candle 02:00", "candle 03:00"}));
}

TEST(BacktestSignals, EveryDeliveredSignalIsInTheEventLogAtItsDeliveryTime) {
  // The signal at 01:30 goes on the bus before the strategy sees it: the event log of the run
  // holds it in the 01:00 hour file of 2024-01-01 (the simulated day).
  sigtrader::testing::TempDir dir;
  Probe probe;
  const auto candles = hourly(kThreeCandles);
  BacktestOptions options;
  const std::vector<bus::SignalEvent> signals = {signal_at(hour(1) + Duration::minutes(30), 7)};
  options.signals = signals;
  options.event_log_dir = dir.path();
  auto result = run_backtest(testing::plain_config(), probe, testing::feed(candles), options);
  ASSERT_TRUE(result.ok()) << result.error().message();
  std::ifstream log(dir.path() / "2024-01-01" / "events-01.jsonl");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("\"type\":\"signal\""), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("\"message_id\":7"), std::string::npos) << text.str();
}

TEST(BacktestSignals, ClassificationLatencyShiftsDelivery) {
  // ts_init 01:30 + 1 h = 02:30: after c1 (02:00), before c2 (03:00). With 30 min it is due at
  // 02:00, c1's close, and comes after c1.
  Probe later;
  run(later, kThreeCandles, {signal_at(hour(1) + Duration::minutes(30), 7)}, Duration::hours(1));
  EXPECT_EQ(later.log, (std::vector<std::string>{"candle 01:00", "candle 02:00", "signal 7 02:30",
                                                 "candle 03:00"}));
  Probe at_close;
  run(at_close, kThreeCandles, {signal_at(hour(1) + Duration::minutes(30), 7)},
      Duration::minutes(30));
  EXPECT_EQ(at_close.log, (std::vector<std::string>{"candle 01:00", "candle 02:00",
                                                    "signal 7 02:00", "candle 03:00"}));
}

TEST(BacktestSignals, SignalsOutsideTheDataAreDroppedAndCounted) {
  // The data spans 00:00 (first open) to 03:00 (last close). 03:00 is still delivered, after the
  // last candle; 03:00 + 1 ns is after the data; 00:00 − 1 h is before it.
  Probe probe;
  const BacktestResult result = run(probe, kThreeCandles,
                                    {signal_at(hour(3) + Duration::nanoseconds(1), 1),
                                     signal_at(hour(3), 2), signal_at(hour(-1), 3)});
  EXPECT_EQ(probe.log, (std::vector<std::string>{"candle 01:00", "candle 02:00", "candle 03:00",
                                                 "signal 2 03:00"}));
  EXPECT_EQ(result.signals_delivered, 1u);
  EXPECT_EQ(result.signals_after_data, 1u);
  EXPECT_EQ(result.signals_before_data, 1u);
}

TEST(BacktestSignals, SignalsDueAtOneInstantKeepTheirInputOrder) {
  // Three signals at 01:30 given as 3, 1, 2, and one at 00:30 given last: 9 first (earlier), then
  // 3, 1, 2 as given.
  Probe probe;
  const Timestamp at = hour(1) + Duration::minutes(30);
  run(probe, kThreeCandles,
      {signal_at(at, 3), signal_at(at, 1), signal_at(at, 2),
       signal_at(hour(0) + Duration::minutes(30), 9)});
  EXPECT_EQ(probe.log, (std::vector<std::string>{"signal 9 00:30", "candle 01:00", "signal 3 01:30",
                                                 "signal 1 01:30", "signal 2 01:30", "candle 02:00",
                                                 "candle 03:00"}));
}

TEST(BacktestSignals, SignalFollowerTradesASignalLadderEndToEnd) {
  // Signal at 01:00 (c0's close): buy limit 100 for 1000 / 100 = 10, targets 110/120/130, stop 95.
  // c1 100.5 → 101 → 99.5: the limit fills at 100 (10); stop 95 (10) and take-profits 110 (5),
  //    120 (2.5), 130 (2.5) are placed.
  // c2 100 → 100 → 111: TP1 sells 5 at 110; break-even moves the stop to 100 for the 5 left.
  // c3 108 → 107 → 121: TP2 sells 2.5 at 120.
  // c4 119 → 119.5 → 99: the stop sells the last 2.5 at 100; TP3 is canceled.
  // c5 reaches 131: nothing is left.
  // PnL = 5 × 10 + 2.5 × 20 + 2.5 × 0 = 100 → equity 10100, in one trade (flat to flat): 10
  // bought at 100, sold at (550 + 300 + 250) / 10 = 110 on average.
  strategy::SignalFollowerConfig config;
  config.notional_per_signal = core::Money::from_int(1000);
  strategy::SignalFollower follower(config);
  bus::SignalEvent signal = signal_at(hour(1), 1);
  signal.confidence = 0.9;
  signal.entries = {Price::parse("100")};
  signal.targets = {Price::parse("110"), Price::parse("120"), Price::parse("130")};
  signal.stop_loss = Price::parse("95");
  const BacktestResult result = run(follower,
                                    {{"100", "101", "99", "100.5"},
                                     {"100.5", "101", "99.5", "100"},
                                     {"100", "111", "100", "108"},
                                     {"108", "121", "107", "119"},
                                     {"119", "119.5", "99", "99.5"},
                                     {"99.5", "131", "99", "130"}},
                                    {signal});
  EXPECT_EQ(result.signals_delivered, 1u);
  EXPECT_TRUE(follower.notes().empty());
  EXPECT_EQ(result.final_equity, core::Money::from_int(10'100));
  ASSERT_EQ(result.trades.size(), 1u);
  // c1's path: 100.5 at 01:00, 101 at 01:20, 99.5 at 01:40; 100 is (101 − 100) / (101 − 99.5) =
  // 2/3 of the way down that segment: 01:20 + 13 min 20 s.
  EXPECT_EQ(result.trades[0].entry_time, hour(1) + Duration::seconds(33 * 60 + 20));
  EXPECT_EQ(result.trades[0].entry_price, Price::parse("100"));
  EXPECT_EQ(result.trades[0].exit_price, Price::parse("110"));
  EXPECT_EQ(result.trades[0].quantity, core::Quantity::parse("10"));
  EXPECT_EQ(result.trades[0].pnl, core::Money::from_int(100));
  EXPECT_FALSE(result.trades[0].closed_at_end);
}

}  // namespace
}  // namespace sigtrader::engine
