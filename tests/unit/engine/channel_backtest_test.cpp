// A channel backtest over a small hand-made history: seven posts of one channel against hourly
// SOL/USDT candles, every outcome worked out by hand from the documented intrabar path (open → the
// extreme nearer the open at +20 min → the other extreme at +40 min → close, linear in between).
#include "engine/channel_backtest.hpp"

#include <gtest/gtest.h>

#include "engine/channel_report_html.hpp"
#include "engine/channel_report_json.hpp"
#include "unit/engine/backtest_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;
using testing::hourly;

const core::Symbol kSol{"SOL", "USDT"};

core::Timestamp at(int hours, int minutes, int seconds = 0) {
  return hour(hours) + core::Duration::minutes(minutes) + core::Duration::seconds(seconds);
}

core::Money money(const char* text) {
  return core::Money(core::Decimal::parse(text));
}
core::Price price(const char* text) {
  return core::Price::parse(text);
}

bus::SignalEvent post(int id, int posted_hour, std::string label,
                      std::optional<core::Symbol> symbol, std::vector<const char*> entries,
                      std::optional<const char*> stop, std::vector<const char*> targets) {
  bus::SignalEvent event;
  event.header.ts_event = hour(posted_hour);
  event.header.ts_init = hour(posted_hour);
  event.channel = core::ChannelId("telegram:test");
  event.message_id = core::MessageId(id);
  event.label = label;
  event.confidence = 0.9;
  event.symbol = symbol;
  event.side = label == "short" ? core::PositionSide::kShort : core::PositionSide::kLong;
  for (const char* entry : entries)
    event.entries.push_back(price(entry));
  if (stop) event.stop_loss = price(*stop);
  for (const char* target : targets)
    event.targets.push_back(price(target));
  return event;
}

std::vector<market::Candle> sol_candles() {
  return hourly({
      {"100", "101", "99", "100.5"},     // 0
      {"100.5", "102", "100", "101.5"},  // 1
      {"101.5", "102.5", "101", "102"},  // 2
      {"102", "103", "99", "101"},       // 3  high 03:20, low 03:40: 100 at 03:35 (S1 fills)
      {"101", "108", "100", "107"},      // 4  low 04:20, high 04:40: 105 at 04:32:30 (S1 TP1)
      {"107", "109", "99", "99.5"},      // 5  high 05:20, low 05:40: 100 at 05:38 (S1 breakeven)
      {"99.5", "100", "97", "97.5"},     // 6  high 06:20, low 06:40: 98 at 06:33:20 (S2 fills)
      {"97.5", "98", "93", "93.5"},      // 7  high 07:20, low 07:40: 94 at 07:36 (S2 stopped)
      {"93.5", "94", "92", "93"},        // 8  below S3's 95
      {"93", "94.5", "92.5", "94"},      // 9  below S3's 95; S3 expires at 10:00
      {"94", "94.8", "93", "93.2"},      // 10
      {"93.2", "93.5", "92.5", "93.4"},  // 11 high 11:20, low 11:40: 93 at 11:30 (S4 fills)
      {"93.4", "97", "93", "96.5"},      // 12 low 12:20, high 12:40: 96 at 12:35 (S4 target)
  });
}

ChannelBacktestSetup setup() {
  ChannelBacktestSetup setup;
  setup.exchange = testing::plain_config();
  setup.exchange.markets.clear();
  setup.follower.entry = strategy::EntryMode::kLimitFirst;
  setup.follower.tp_split = {core::Decimal::parse("0.5"), core::Decimal::parse("0.5")};
  setup.follower.breakeven_after_tp = 1;
  setup.follower.entry_expiry = core::Duration::hours(2);
  // Moderate policy: 1 % of equity at risk per signal. Exposure and drawdown scaling are opened
  // up so that the sizes stay that simple rule.
  setup.risk.validator.max_symbol_exposure_pct = 100;
  setup.risk.validator.drawdown_scale_floor = 1.0;
  return setup;
}

ChannelBacktestResult run(const std::vector<bus::SignalEvent>& events) {
  const std::vector<market::Candle> candles = sol_candles();
  const CandleLookup lookup =
      [&candles](const core::Symbol& symbol) -> core::Result<market::CandleSeries> {
    if (symbol != kSol) {
      return core::Error(core::ErrorCode::kNotFound, "no candle files for " + symbol.to_string());
    }
    market::CandleSeries series;
    series.candles = candles;
    series.timeframe = core::Duration::hours(1);
    return series;
  };
  auto result = run_channel_backtest(setup(), events, lookup);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message());
  return result.ok() ? std::move(*result) : ChannelBacktestResult{};
}

std::vector<bus::SignalEvent> history() {
  return {
      // S1: 1 % of 10000 over a 10 stop = 10 SOL; TP1 sells 5 at 105, the stop then moves to
      // the entry and takes the other 5 at 100: +25, 0.25 R.
      post(1, 3, "long", kSol, {"100"}, "90", {"105", "110"}),
      // S2: equity 10025, 1 % = 100.25 over a 4 stop = 25.0625 SOL, stopped at 94: −100.25, −1 R.
      post(2, 6, "long", kSol, {"98"}, "94", {"102", "106"}),
      // S3: a short waiting for 95, never reached within the 2 h expiry.
      post(3, 8, "short", kSol, {"95"}, "99", {"91", "87"}),
      // S4: equity 9924.75, 1 % = 99.2475 over a 3 stop = 33.0825 SOL, its one target at 96:
      // +99.2475, 1 R.
      post(4, 11, "long", kSol, {"93"}, "90", {"96"}),
      // S5: no candles of ETH.
      post(5, 11, "long", core::Symbol{"ETH", "USDT"}, {"2000"}, "1900", {"2100"}),
      // S6: no stop loss (skip_without_stop).
      post(6, 12, "long", kSol, {"96"}, std::nullopt, {"99"}),
      // S7: posted after the last candle closed (13:00).
      post(7, 14, "long", kSol, {"96"}, "94", {"99"}),
  };
}

const SignalResult& find(const ChannelBacktestResult& result, std::int64_t id) {
  for (const SignalResult& signal : result.signals) {
    if (signal.message_id.value() == id) return signal;
  }
  static const SignalResult none;
  ADD_FAILURE() << "no result for message " << id;
  return none;
}

TEST(ChannelBacktest, EverySignalGetsTheOutcomeWorkedOutByHand) {
  const ChannelBacktestResult result = run(history());
  ASSERT_EQ(result.signals.size(), 7u);

  const SignalResult& s1 = find(result, 1);
  EXPECT_EQ(s1.outcome, "partial");
  EXPECT_TRUE(s1.filled);
  EXPECT_EQ(s1.targets_hit, 1u);
  EXPECT_EQ(s1.target_count, 2u);
  EXPECT_TRUE(s1.stopped);
  EXPECT_EQ(s1.entry_price, price("100"));
  EXPECT_EQ(s1.exit_price, price("102.5"));  // 5 at 105 and 5 at 100
  EXPECT_EQ(s1.pnl, money("25"));
  ASSERT_TRUE(s1.r_multiple.has_value());
  EXPECT_NEAR(*s1.r_multiple, 0.25, 1e-9);
  EXPECT_EQ(s1.opened_at, at(3, 35));
  EXPECT_EQ(s1.first_target_at, at(4, 32, 30));
  EXPECT_EQ(s1.closed_at, at(5, 38));

  const SignalResult& s2 = find(result, 2);
  EXPECT_EQ(s2.outcome, "stopped");
  EXPECT_EQ(s2.targets_hit, 0u);
  EXPECT_TRUE(s2.stopped);
  EXPECT_EQ(s2.entry_price, price("98"));
  EXPECT_EQ(s2.exit_price, price("94"));
  EXPECT_EQ(s2.pnl, money("-100.25"));
  ASSERT_TRUE(s2.r_multiple.has_value());
  EXPECT_NEAR(*s2.r_multiple, -1.0, 1e-9);
  EXPECT_EQ(s2.opened_at, at(6, 33, 20));
  EXPECT_EQ(s2.closed_at, at(7, 36));

  const SignalResult& s3 = find(result, 3);
  EXPECT_EQ(s3.outcome, "expired");
  EXPECT_FALSE(s3.filled);
  EXPECT_EQ(s3.pnl, money("0"));
  EXPECT_FALSE(s3.entry_price.has_value());

  const SignalResult& s4 = find(result, 4);
  EXPECT_EQ(s4.outcome, "all_targets");
  EXPECT_EQ(s4.targets_hit, 1u);
  EXPECT_FALSE(s4.stopped);
  EXPECT_EQ(s4.pnl, money("99.2475"));
  ASSERT_TRUE(s4.r_multiple.has_value());
  EXPECT_NEAR(*s4.r_multiple, 1.0, 1e-9);
  EXPECT_EQ(s4.opened_at, at(11, 30));
  EXPECT_EQ(s4.closed_at, at(12, 35));

  EXPECT_EQ(find(result, 5).outcome, "no_data");
  EXPECT_EQ(find(result, 6).outcome, "rejected");
  ASSERT_FALSE(find(result, 6).reasons.empty());
  EXPECT_NE(find(result, 6).reasons.front().find("no stop loss"), std::string::npos);
  EXPECT_EQ(find(result, 7).outcome, "no_data");
}

TEST(ChannelBacktest, TheChannelSummaryIsTheHandComputedOne) {
  const ChannelBacktestResult result = run(history());
  ASSERT_EQ(result.channels.size(), 1u);
  const ChannelSummary& channel = result.channels.front();
  EXPECT_EQ(channel.signals, 7u);
  EXPECT_EQ(channel.filled, 3u);
  EXPECT_EQ(channel.wins, 2u);
  EXPECT_EQ(channel.losses, 1u);
  EXPECT_NEAR(channel.win_rate.value_or(-1), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(channel.avg_r.value_or(-9), (0.25 - 1.0 + 1.0) / 3.0, 1e-9);
  EXPECT_NEAR(channel.avg_win_r.value_or(-9), (0.25 + 1.0) / 2.0, 1e-9);
  EXPECT_NEAR(channel.expectancy.value_or(-9), (25 - 100.25 + 99.2475) / 3.0, 1e-9);
  EXPECT_EQ(channel.total_pnl, money("23.9975"));
  // Peak 10025 after S1, 9924.75 after S2: 100.25 / 10025 = 1 %.
  EXPECT_NEAR(channel.max_drawdown, 0.01, 1e-12);
  // TP1: reached by S1 and S4 of the three filled; TP2: offered by S1 and S2, reached by none.
  ASSERT_EQ(channel.tp_hit_rate.size(), 2u);
  EXPECT_NEAR(channel.tp_hit_rate[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(channel.tp_hit_rate[1], 0.0, 1e-12);
  // 57.5 min (S1) and 65 min (S4): the median of two is their mean, 61.25 min.
  EXPECT_EQ(channel.median_time_to_tp1, core::Duration::seconds(3675));
  EXPECT_EQ(channel.outcomes.at("no_data"), 2u);
  ASSERT_EQ(channel.pnl_curve.size(), 3u);
  EXPECT_EQ(channel.pnl_curve.back().cumulative_pnl, money("23.9975"));
  const risk::ChannelTrust trust = channel.trust();
  EXPECT_EQ(trust.closed_signals, 3);
}

TEST(ChannelBacktest, ChannelsRunOnTheirOwnAccounts) {
  std::vector<bus::SignalEvent> events = history();
  bus::SignalEvent copy = events.front();  // S1 again, from another channel
  copy.channel = core::ChannelId("telegram:other");
  events.push_back(copy);
  const ChannelBacktestResult result = run(events);
  ASSERT_EQ(result.channels.size(), 2u);
  const ChannelSummary& other = result.channels[0].channel.str() == "telegram:other"
                                    ? result.channels[0]
                                    : result.channels[1];
  EXPECT_EQ(other.filled, 1u);
  EXPECT_EQ(other.total_pnl, money("25"));  // the same 10 SOL: its account starts at 10000 too
}

TEST(ChannelBacktest, APositionOpenWhenTheDataEndsIsClosedAtTheLastClose) {
  // Long at 96.5 (12:00 close is 96.5; 97 touched at 12:40): a limit at 96.6 fills in candle 12,
  // the stop 90 and target 120 are never reached; the data ends at 13:00 with a close of 96.5.
  const ChannelBacktestResult result = run({post(1, 12, "long", kSol, {"96.6"}, "90", {"120"})});
  const SignalResult& signal = find(result, 1);
  EXPECT_EQ(signal.outcome, "partial");
  EXPECT_EQ(signal.closed_at, hour(13));
  EXPECT_EQ(signal.exit_price, price("96.5"));
  ASSERT_FALSE(signal.reasons.empty());
  EXPECT_NE(signal.reasons.back().find("data ended"), std::string::npos);
}

TEST(ChannelBacktest, TheJsonReportHasTheDocumentedFields) {
  const ChannelBacktestResult result = run(history());
  const boost::json::object report =
      channel_report_json(setup(), result, {{"posts.jsonl"}, "data"});
  const boost::json::array& signals = report.at("signals").as_array();
  ASSERT_EQ(signals.size(), 7u);
  const boost::json::object& first = signals[0].as_object();
  for (const char* key :
       {"message_id", "channel", "symbol", "side", "filled", "targets_hit", "stopped", "outcome",
        "entry_price", "exit_price", "pnl", "r_multiple", "opened_at", "closed_at", "reasons"}) {
    EXPECT_TRUE(first.contains(key)) << key;
  }
  EXPECT_EQ(first.at("message_id").as_int64(), 1);
  EXPECT_EQ(first.at("outcome").as_string(), "partial");
  EXPECT_EQ(first.at("opened_at").as_string(), "2024-01-01T03:35:00Z");
  const boost::json::object& channel = report.at("channels").as_array()[0].as_object();
  for (const char* key : {"signals", "win_rate", "avg_r", "expectancy", "max_drawdown",
                          "tp_hit_rate", "median_time_to_tp1"}) {
    EXPECT_TRUE(channel.contains(key)) << key;
  }
  EXPECT_EQ(channel.at("median_time_to_tp1").as_double(), 3675.0);
  const std::string html = channel_report_html(setup(), result, {{"posts.jsonl"}, "data"});
  EXPECT_NE(html.find("telegram:test"), std::string::npos);
  EXPECT_NE(html.find("all_targets"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::engine
