#include "engine/paper_session.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "support/temp_dir.hpp"
#include "unit/engine/backtest_test_support.hpp"

// Paper sessions over eight hourly BTC/USDT candles (candle i opens at hour(i)), no fees, no
// slippage, followed by the signal_follower strategy (limit entry at the first entry price, 100
// USDT a signal, take-profits 2/3 and 1/3 for two targets, stop to break-even after the first).
// Intrabar path: open, the extreme nearer the open at +20 min, the other at +40 min, close.
//
//   signal 1, ts_init 01:30: long, entry 100, targets 110 / 120, stop 90 → buy 1.000 @ 100 (limit)
//   c2 (02:00-03:00) 103 105 99.5 101: the limit fills at 100 at 02:40; stop 90, TP 110 (0.666)
//      and TP 120 (0.334) are placed
//   c4 (04:00-05:00) 105 111 104 110: TP1 fills at 110; the stop moves to 100 (break-even)
//   c6 (06:00-07:00) 111 121 110 120: TP2 fills at 120; the stop is canceled
//   signal 2, ts_init 07:00: long, entry 119.5, target 125, stop 115 → buy 0.836 @ 119.5
//   c7 (07:00-08:00) 120 121 119 120: the limit fills at 119.5; stop 115 and TP 125 stay open
//
// Steps (instants): closes 01:00 .. 08:00 and the two signals (01:30; 07:00 after c6's close):
// ten in all. After five (04:00) the entry has filled and its stop and two targets are open.
namespace sigtrader::engine {
namespace {

using testing::hour;
using testing::hourly;
using testing::Ohlc;

const std::vector<Ohlc> kCandles = {
    {"100", "101", "99", "100.5"}, {"102", "104", "101", "103"}, {"103", "105", "99.5", "101"},
    {"101", "106", "100", "105"},  {"105", "111", "104", "110"}, {"110", "112", "109", "111"},
    {"111", "121", "110", "120"},  {"120", "121", "119", "120"},
};

const core::ChannelId kChannel("file:calls");

BacktestConfig follower_config() {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "signal_follower";
  return config;
}

std::vector<PaperMarketData> data_of(const std::vector<market::Candle>& candles) {
  PaperMarketData data;
  data.candles = candles;
  data.timeframe = core::Duration::hours(1);
  return {data};
}

// A fixed wall clock for the session rows: nothing here depends on the time of day.
class PaperSessionTest : public ::testing::Test {
 protected:
  std::unique_ptr<storage::SqliteStore> open_store(const std::string& name) {
    auto store = storage::SqliteStore::open((dir_.path() / name).string());
    EXPECT_TRUE(store.ok()) << store.error().message();
    auto& s = **store;
    EXPECT_TRUE(s.upsert_channel(storage::ChannelRow{.id = kChannel,
                                                     .source = "file",
                                                     .title = "calls",
                                                     .created_at = hour(0),
                                                     .updated_at = hour(0)})
                    .ok());
    auto user = s.find_user("paper");
    if (!user.ok()) user = s.create_user("paper", hour(0));
    EXPECT_TRUE(user.ok());
    user_ = user->id;
    return std::move(store).value();
  }

  // Stores post `message` and its reading: a long of BTC/USDT visible from `at`.
  void store_long(storage::Store& store, std::int64_t message, core::Timestamp at,
                  const char* entry, std::vector<const char*> targets, const char* stop) {
    auto inserted = store.insert_message(storage::MessageRow{
        .id = {},
        .channel_id = kChannel,
        .message_id = core::MessageId(message),
        .ts_event = at,
        .ts_init = at,
        .text = "long",
        .reply_to = std::nullopt,
        .raw_json = std::nullopt,
        .edited_at = std::nullopt,
        .forwarded_from = std::nullopt,
    });
    ASSERT_TRUE(inserted.ok()) << inserted.error().message();
    storage::SignalRow signal;
    signal.message = inserted->id;
    signal.channel_id = kChannel;
    signal.ts_event = at;
    signal.ts_init = at;
    signal.label = "long";
    signal.confidence = 0.9;
    signal.classifier = "rules";
    signal.symbol = core::Symbol{"BTC", "USDT"};
    signal.side = core::PositionSide::kLong;
    signal.entries = {core::Price::parse(entry)};
    for (const char* target : targets)
      signal.targets.push_back(core::Price::parse(target));
    signal.stop_loss = core::Price::parse(stop);
    ASSERT_TRUE(store.insert_signal(signal).ok());
  }
  void store_first_signal(storage::Store& store) {
    store_long(store, 1, hour(1) + core::Duration::minutes(30), "100", {"110", "120"}, "90");
  }
  void store_second_signal(storage::Store& store) {
    store_long(store, 2, hour(7), "119.5", {"125"}, "115");
  }

  core::Result<std::unique_ptr<PaperSession>> open_session(
      storage::Store& store, const std::vector<market::Candle>& candles, bool new_session = false) {
    return PaperSession::open(store, follower_config(), data_of(candles),
                              PaperSessionOptions{.user = user_,
                                                  .name = "default",
                                                  .new_session = new_session,
                                                  .classification_latency = {},
                                                  .wall_clock = &wall_});
  }

  // The same session with the signal follower guarded by a risk engine of `risk`'s limits.
  core::Result<std::unique_ptr<PaperSession>> open_guarded_session(
      storage::Store& store, const risk::RiskEngineConfig& risk) {
    return PaperSession::open(store, follower_config(), data_of(candles_),
                              PaperSessionOptions{.user = user_,
                                                  .name = "default",
                                                  .new_session = false,
                                                  .classification_latency = {},
                                                  .wall_clock = &wall_,
                                                  .risk = risk,
                                                  .gate = {}});
  }

  std::vector<std::string> risk_events_of(storage::Store& store) const {
    std::vector<std::string> out;
    auto events = store.recent_risk_events(user_, 100);
    EXPECT_TRUE(events.ok());
    for (const storage::RiskEventRow& event : *events)
      out.push_back(fmt::format("{} {} {}", event.ts.to_iso8601(), event.kind, event.reason));
    return out;
  }

  // Runs until the data ends (or `steps` steps), polling for signals before each step.
  void run(PaperSession& session, std::optional<int> steps = std::nullopt) {
    for (int done = 0; !steps || done < *steps; ++done) {
      ASSERT_TRUE(session.poll_signals().ok());
      if (!session.next_time()) {
        ASSERT_TRUE(session.finish().ok());
        return;
      }
      auto stepped = session.step();
      ASSERT_TRUE(stepped.ok()) << stepped.error().message();
    }
    ASSERT_TRUE(session.stop().ok());
  }

  // Every order of session 1 as text, with its fills: what a user would look up.
  static std::vector<std::string> orders_of(storage::Store& store) {
    std::vector<std::string> out;
    auto orders = store.orders_with_client_prefix("p1-");
    EXPECT_TRUE(orders.ok());
    for (const storage::OrderRow& order : *orders) {
      std::string line =
          fmt::format("{} {} {} {} {} {} {} filled {}", order.client_order_id.str(),
                      core::to_string(order.side), core::to_string(order.type),
                      order.quantity.to_string(), order.price ? order.price->to_string() : "-",
                      order.trigger_price ? order.trigger_price->to_string() : "-",
                      core::to_string(order.status), order.filled_quantity.to_string());
      auto fills = store.list_fills(order.id);
      EXPECT_TRUE(fills.ok());
      for (const storage::FillRow& fill : *fills) {
        line += fmt::format(" | {} {} @ {} {}", fill.trade_id.str(), fill.quantity.to_string(),
                            fill.price.to_string(), fill.ts_event.to_iso8601());
      }
      out.push_back(line);
    }
    return out;
  }

  static std::int64_t rows_in(storage::SqliteStore& store, const std::string& table) {
    auto tables = store.table_counts();
    EXPECT_TRUE(tables.ok());
    for (const storage::TableInfo& info : *tables) {
      if (info.name == table) return info.rows;
    }
    return -1;
  }

  sigtrader::testing::TempDir dir_;
  core::SimClock wall_{core::Timestamp::from_seconds(1'800'000'000)};
  core::UserId user_;
  std::vector<market::Candle> candles_ = hourly(kCandles);
};

TEST_F(PaperSessionTest, AnUninterruptedRunTradesBothSignalsAsWorkedOutByHand) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  store_second_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session);

  const PaperStatus status = (*session)->status();
  EXPECT_EQ(status.steps, 10);
  EXPECT_EQ(status.signals_delivered, 2u);
  EXPECT_EQ(status.fills, 4u);
  EXPECT_EQ(status.open_orders, 2u);  // signal 2's stop and target
  // 10000 − 100 (1 @ 100) + 73.26 (0.666 @ 110) + 40.08 (0.334 @ 120) − 99.902 (0.836 @ 119.5)
  EXPECT_EQ(status.cash, core::Money::parse("9913.438"));
  const auto* position = (*session)->sim().portfolio().position(core::Symbol{"BTC", "USDT"});
  ASSERT_NE(position, nullptr);
  EXPECT_EQ(position->quantity(), core::Quantity::parse("0.836"));
  EXPECT_EQ(position->average_entry(), core::Price::parse("119.5"));

  auto stored = store->find_paper_session((*session)->id());
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, "finished");
  EXPECT_EQ(stored->steps, 10);
  EXPECT_EQ(stored->checkpoint, hour(8));
  auto snapshot = store->latest_account_snapshot(user_, "sim:p1");
  ASSERT_TRUE(snapshot.ok());
  EXPECT_EQ(snapshot->balance, core::Money::parse("9913.438"));
  // The position at the last close, 120: 9913.438 + 0.836 × 120.
  EXPECT_EQ(snapshot->equity, core::Money::parse("10013.758"));

  const std::vector<std::string> orders = orders_of(*store);
  ASSERT_EQ(orders.size(), 8u);
  int filled = 0;
  int open = 0;
  for (const std::string& order : orders) {
    filled += order.find(" filled filled ") != std::string::npos;
    open += order.find(" accepted filled ") != std::string::npos;
  }
  EXPECT_EQ(filled, 4);  // entry 1, both targets, entry 2
  EXPECT_EQ(open, 2);
  EXPECT_THAT(orders[0], ::testing::HasSubstr("buy limit 1.000 100.00"));
  // c2's path falls from 105 (02:20) to 99.5 (02:40); 100 is 5/5.5 of the way: 18 min 10.909 s.
  EXPECT_THAT(orders[0], ::testing::HasSubstr("1.000 @ 100.00 2024-01-01T02:38:10.909090909Z"));
}

TEST_F(PaperSessionTest, RestartingMidRunWithOpenOrdersEndsInTheSameStateAsAnUninterruptedRun) {
  // A: one run from start to end.
  auto store_a = open_store("a.db");
  store_first_signal(*store_a);
  store_second_signal(*store_a);
  {
    auto session = open_session(*store_a, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session);
  }

  // B: stopped after five steps with the stop and both targets open; the second signal reaches
  // the database only while the resumed run goes on; stopped again after two more steps; then
  // resumed to the end. Each stop destroys the session object.
  auto store_b = open_store("b.db");
  store_first_signal(*store_b);
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 5);
    EXPECT_EQ((*session)->status().open_orders, 3u);
  }
  auto stopped = store_b->find_paper_session(storage::PaperSessionId(1));
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped->status, "stopped");
  EXPECT_EQ(stopped->checkpoint, hour(4));
  ASSERT_EQ(store_b->list_open_orders(user_)->size(), 3u);

  store_second_signal(*store_b);
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_TRUE((*session)->resumed());
    EXPECT_EQ((*session)->replayed_steps(), 5);
    EXPECT_EQ((*session)->id().value(), 1);
    run(**session, 2);
  }
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_EQ((*session)->replayed_steps(), 7);
    run(**session);
  }

  EXPECT_EQ(orders_of(*store_b), orders_of(*store_a));
  // Every client order id and every fill was written once.
  EXPECT_EQ(rows_in(*store_b, "orders"), 8);
  EXPECT_EQ(rows_in(*store_b, "fills"), 4);
  EXPECT_EQ(rows_in(*store_b, "paper_session_signals"), 2);
  auto a = store_a->latest_account_snapshot(user_, "sim:p1");
  auto b = store_b->latest_account_snapshot(user_, "sim:p1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(b->balances_json, a->balances_json);
  EXPECT_EQ(b->equity, a->equity);
  EXPECT_EQ(b->ts, a->ts);
  EXPECT_EQ(store_b->find_paper_session(storage::PaperSessionId(1))->state_json,
            store_a->find_paper_session(storage::PaperSessionId(1))->state_json);
  EXPECT_EQ(store_b->find_paper_session(storage::PaperSessionId(1))->status, "finished");
}

TEST_F(PaperSessionTest, ResumingWithOtherCandlesIsRefusedWithAClearMessage) {
  auto store = open_store("b.db");
  store_first_signal(*store);
  {
    auto session = open_session(*store, candles_);
    ASSERT_TRUE(session.ok());
    run(**session, 5);
  }
  std::vector<market::Candle> changed = candles_;
  changed[2].low = core::Price::parse("99.6");
  auto refused = open_session(*store, changed);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("was started with another setup"));
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("--new-session"));
  // Nothing was written by the refused attempt.
  EXPECT_EQ(store->find_paper_session(storage::PaperSessionId(1))->steps, 5);

  // --new-session abandons the old session and starts session 2 with its own order ids.
  auto fresh = open_session(*store, changed, true);
  ASSERT_TRUE(fresh.ok()) << fresh.error().message();
  EXPECT_EQ((*fresh)->id().value(), 2);
  EXPECT_EQ((*fresh)->order_prefix(), "p2");
  EXPECT_EQ(store->find_paper_session(storage::PaperSessionId(1))->status, "abandoned");
}

TEST_F(PaperSessionTest, AStoredStateTheReplayDoesNotReproduceIsRefused) {
  auto store = open_store("b.db");
  store_first_signal(*store);
  {
    auto session = open_session(*store, candles_);
    ASSERT_TRUE(session.ok());
    run(**session, 5);
  }
  // As if another version had canceled the entry's stop before the restart.
  auto open_orders = store->list_open_orders(user_);
  ASSERT_TRUE(open_orders.ok());
  ASSERT_FALSE(open_orders->empty());
  const storage::OrderRow& victim = open_orders->front();
  ASSERT_TRUE(store
                  ->update_order(victim.client_order_id,
                                 storage::OrderUpdate{.status = core::OrderStatus::kCanceled,
                                                      .filled_quantity = victim.filled_quantity,
                                                      .average_price = std::nullopt,
                                                      .venue_order_id = std::nullopt,
                                                      .reason = std::string("edited"),
                                                      .updated_at = hour(4)})
                  .ok());
  auto refused = open_session(*store, candles_);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("cannot resume"));
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr(victim.client_order_id.str()));
  EXPECT_THAT(refused.error().message(),
              ::testing::HasSubstr("status is canceled in the database but accepted in the "
                                   "replay"));
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("--new-session"));
}

// Records the instants it was asked to wait for.
class RecordingPacer final : public Pacer {
 public:
  void begin(core::Timestamp start) override { begun.push_back(start); }
  bool wait_until(core::Timestamp instant, core::Duration) override {
    waited.push_back(instant);
    return true;
  }
  std::vector<core::Timestamp> begun;
  std::vector<core::Timestamp> waited;
};

TEST_F(PaperSessionTest, RunPaperWaitsForEachInstantAndStopsResumablyAfterMaxSteps) {
  auto store = open_store("b.db");
  store_first_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok());
  RecordingPacer pacer;
  std::vector<std::int64_t> reported;
  PaperRunOptions options;
  options.pacer = &pacer;
  options.max_steps = 3;
  options.wall_clock = &wall_;
  options.status_every = 2;
  options.on_status = [&](const PaperStatus& status) { reported.push_back(status.steps); };
  auto end = run_paper(**session, options);
  ASSERT_TRUE(end.ok()) << end.error().message();
  EXPECT_EQ(*end, PaperRunEnd::kStepLimit);
  EXPECT_EQ(pacer.begun, std::vector<core::Timestamp>{hour(0)});
  EXPECT_EQ(pacer.waited, (std::vector<core::Timestamp>{
                              hour(1), hour(1) + core::Duration::minutes(30), hour(2)}));
  EXPECT_EQ(reported, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(store->find_paper_session((*session)->id())->status, "stopped");
}

TEST(WallClockPacer, MapsSimulatedTimeAtItsSpeedAndGivesUpAfterTheLongestWait) {
  core::SimClock wall(core::Timestamp::from_seconds(1'800'000'000));
  core::Duration slept;
  WallClockPacer pacer(60, wall, [&](core::Duration wait) {
    slept = slept + wait;
    wall.advance_by(wait);
  });
  pacer.begin(hour(0));
  // An hour of data at 60× is a minute of wall time; after 10 s it is not due yet.
  EXPECT_FALSE(pacer.wait_until(hour(1), core::Duration::seconds(10)));
  EXPECT_EQ(slept, core::Duration::seconds(10));
  EXPECT_TRUE(pacer.wait_until(hour(1), core::Duration::minutes(5)));
  EXPECT_EQ(slept, core::Duration::seconds(60));
  // Due already: no wait.
  EXPECT_TRUE(pacer.wait_until(hour(0) + core::Duration::minutes(30), core::Duration::minutes(5)));
  EXPECT_EQ(slept, core::Duration::seconds(60));
}

TEST(WallClockPacer, AStopRequestEndsTheWait) {
  core::SimClock wall(core::Timestamp::from_seconds(1'800'000'000));
  std::atomic<bool> stop{false};
  WallClockPacer pacer(
      1, wall,
      [&](core::Duration wait) {
        wall.advance_by(wait);
        stop = true;  // as SIGTERM would, while the pacer sleeps
      },
      &stop);
  pacer.begin(hour(0));
  EXPECT_FALSE(pacer.wait_until(hour(1), core::Duration::hours(2)));
  EXPECT_EQ(wall.now(),
            core::Timestamp::from_seconds(1'800'000'000) + core::Duration::milliseconds(100));
}

TEST_F(PaperSessionTest, WithARiskSetupEachDecisionIsStoredOnceEvenAcrossARestart) {
  // The moderate policy risks 1 % of equity: signal 1 (entry 100, stop 90) buys 100 / 10 = 10
  // BTC instead of the follower's fixed 100 USDT.
  risk::RiskEngineConfig risk;
  auto store_a = open_store("a.db");
  store_first_signal(*store_a);
  store_second_signal(*store_a);
  {
    auto session = open_guarded_session(*store_a, risk);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session);
  }
  const std::vector<std::string> orders_a = orders_of(*store_a);
  ASSERT_FALSE(orders_a.empty());
  EXPECT_THAT(orders_a[0], ::testing::HasSubstr("buy limit 10.000 100.00"));
  const std::vector<std::string> events_a = risk_events_of(*store_a);
  ASSERT_EQ(events_a.size(), 2u);  // one decision per signal
  EXPECT_THAT(events_a,
              ::testing::Contains(::testing::HasSubstr("2024-01-01T01:30:00Z decision_")));

  auto store_b = open_store("b.db");
  store_first_signal(*store_b);
  store_second_signal(*store_b);
  {
    auto session = open_guarded_session(*store_b, risk);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 5);
  }
  {
    auto session = open_guarded_session(*store_b, risk);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_TRUE((*session)->resumed());
    run(**session);
  }
  EXPECT_EQ(orders_of(*store_b), orders_a);
  EXPECT_EQ(risk_events_of(*store_b), events_a);

  // Other limits would size differently: the session refuses to resume under them.
  risk::RiskEngineConfig stricter = risk;
  stricter.policy = risk::RiskPolicy::kConservative;
  auto store_c = open_store("c.db");
  store_first_signal(*store_c);
  {
    auto session = open_guarded_session(*store_c, risk);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 3);
  }
  auto refused = open_guarded_session(*store_c, stricter);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message(), ::testing::HasSubstr("--new-session"));
}

TEST_F(PaperSessionTest, ASignalStoredJustBeforeAStepIsDeliveredAtItsOwnInstantFirst) {
  auto store = open_store("c.db");
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok());
  std::vector<core::Timestamp> due;
  std::vector<std::int64_t> stepped;
  bool stored = false;
  PaperRunOptions options;
  options.wall_clock = &wall_;
  // The post of 01:30 arrives with the 02:00 close, as a feed that stores posts up to each
  // instant would store it.
  options.before_step = [&](core::Timestamp next) -> core::Status {
    due.push_back(next);
    if (next >= hour(2) && !stored) {
      store_first_signal(*store);
      stored = true;
    }
    return {};
  };
  options.after_step = [&](const PaperStatus& status) { stepped.push_back(status.steps); };
  auto end = run_paper(**session, options);
  ASSERT_TRUE(end.ok()) << end.error().message();
  EXPECT_EQ(*end, PaperRunEnd::kFinished);
  // 02:00 was due, but the signal of 01:30 went first; then 02:00 came again.
  ASSERT_GE(due.size(), 4u);
  EXPECT_EQ(std::vector<core::Timestamp>(due.begin(), due.begin() + 4),
            (std::vector<core::Timestamp>{hour(1), hour(2), hour(1) + core::Duration::minutes(30),
                                          hour(2)}));
  EXPECT_EQ(stepped, (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ((*session)->status().signals_delivered, 1u);
  // Traded as in the uninterrupted run: the entry fills in candle 2 at 100.
  const std::vector<std::string> orders = orders_of(*store);
  ASSERT_FALSE(orders.empty());
  EXPECT_THAT(orders[0], ::testing::HasSubstr("1.000 @ 100.00 2024-01-01T02:38:10.909090909Z"));
}

}  // namespace
}  // namespace sigtrader::engine
