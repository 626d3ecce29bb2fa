#include "engine/paper_session.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "unit/engine/paper_session_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;
using testing::kCandles;
using testing::PaperSessionTest;

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
