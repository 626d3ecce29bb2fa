// Operator commands applied by a paper session between steps, recorded with the step they came
// before, and applied again at that step when the session is replayed after a restart.
//
// The scenario is paper_session_test_support.hpp's: signal 1 (01:30) buys 1.000 BTC @ 100 in c2
// (02:38); from then on its stop 90 and targets 110 (0.666) and 120 (0.334) are open. Steps: 1
// close 01:00, 2 signal 01:30, 3 close 02:00, 4 close 03:00 (the entry fills), 5 close 04:00,
// 6 close 05:00 (c4: target 110 fills, the stop moves to 100), 7 close 06:00, 8 close 07:00 (c6:
// target 120 fills), 9 signal 2 (07:00), 10 close 08:00 (signal 2's entry fills at 119.5).
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/pacer.hpp"
#include "engine/paper_session.hpp"
#include "storage/sqlite_store.hpp"
#include "unit/engine/paper_session_test_support.hpp"

namespace sigtrader::engine {
namespace {

using ::testing::HasSubstr;
using testing::hour;
using testing::kChannel;

const core::Symbol kBtc{"BTC", "USDT"};

class PaperCommands : public testing::PaperSessionTest {
 protected:
  storage::OperatorCommandId queue(storage::Store& store, std::string kind,
                                   std::string args = "{}") {
    auto id = store.insert_operator_command(storage::OperatorCommandRow{
        .id = {},
        .user_id = user_,
        .kind = std::move(kind),
        .args_json = std::move(args),
        .who = "alice",
        .status = "pending",
        .result = "",
        .created_at = wall_.now(),
    });
    EXPECT_TRUE(id.ok()) << id.error().message();
    return id.ok() ? *id : storage::OperatorCommandId();
  }

  static storage::OperatorCommandRow command(storage::Store& store, storage::OperatorCommandId id) {
    auto row = store.find_operator_command(id);
    EXPECT_TRUE(row.ok()) << row.error().message();
    return row.ok() ? *row : storage::OperatorCommandRow{};
  }

  // The session's open order triggering at `trigger` (a stop or a target).
  std::string open_order_at(storage::Store& store, const char* trigger) const {
    auto orders = store.list_open_orders(user_);
    EXPECT_TRUE(orders.ok());
    for (const storage::OrderRow& order : *orders) {
      if (order.trigger_price == core::Price::parse(trigger)) return order.client_order_id.str();
    }
    ADD_FAILURE() << "no open order triggering at " << trigger;
    return "";
  }

  static storage::OrderRow order(storage::Store& store, const std::string& id) {
    auto row = store.find_order(core::ClientOrderId(id));
    EXPECT_TRUE(row.ok()) << row.error().message();
    return row.ok() ? *row : storage::OrderRow{};
  }

  static boost::json::value stored_state(storage::Store& store) {
    auto session = store.find_paper_session(storage::PaperSessionId(1));
    EXPECT_TRUE(session.ok());
    return boost::json::parse(session.ok() ? session->state_json : "{}");
  }

  static std::vector<std::string> kinds_of(storage::Store& store, core::UserId user) {
    std::vector<std::string> kinds;
    auto events = store.recent_risk_events(user, 100);
    EXPECT_TRUE(events.ok());
    for (auto event = events->rbegin(); event != events->rend(); ++event)
      kinds.push_back(event->kind);
    return kinds;
  }
};

TEST_F(PaperCommands, ACanceledTargetNeverFillsAndTheRestOfThePositionStaysOpen) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  store_second_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 5);
  const std::string target_120 = open_order_at(*store, "120");

  const auto id =
      queue(*store, "cancel_order", fmt::format(R"({{"client_order_id":"{}"}})", target_120));
  const auto applied = (*session)->apply_commands();
  ASSERT_TRUE(applied.ok()) << applied.error().message();
  EXPECT_EQ(*applied, 1u);
  const storage::OperatorCommandRow done = command(*store, id);
  EXPECT_EQ(done.status, "applied");
  EXPECT_EQ(done.result, fmt::format("canceled order '{}'", target_120));
  EXPECT_EQ(done.session, storage::PaperSessionId(1));
  EXPECT_EQ(done.step, 5);
  EXPECT_EQ(done.applied_at, wall_.now());
  // Stored with the command, before the next step.
  EXPECT_EQ(order(*store, target_120).status, core::OrderStatus::kCanceled);
  EXPECT_EQ((*session)->apply_commands().value(), 0u);

  run(**session);
  EXPECT_EQ(order(*store, target_120).status, core::OrderStatus::kCanceled);
  EXPECT_EQ(order(*store, target_120).filled_quantity, core::Quantity::parse("0"));
  // Target 110 sold 0.666; the 0.334 left stays open (its stop moved to 100, never reached), so
  // signal 2 is skipped: 10000 − 100 (1 @ 100) + 73.26 (0.666 @ 110).
  const auto* position = (*session)->sim().portfolio().position(kBtc);
  ASSERT_NE(position, nullptr);
  EXPECT_EQ(position->quantity(), core::Quantity::parse("0.334"));
  EXPECT_EQ((*session)->status().cash, core::Money::parse("9973.26"));
}

TEST_F(PaperCommands, ClosingAPositionSellsItAllAtTheNextOpenAndCancelsItsExits) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  store_second_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 5);
  const std::string stop = open_order_at(*store, "90");
  const std::string target_110 = open_order_at(*store, "110");

  const auto id = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  ASSERT_EQ((*session)->apply_commands().value(), 1u);
  const storage::OperatorCommandRow done = command(*store, id);
  EXPECT_EQ(done.status, "applied");
  EXPECT_THAT(done.result, HasSubstr("closing 1.000 BTC/USDT at market: order 'p1-"));
  EXPECT_EQ(order(*store, stop).status, core::OrderStatus::kCanceled);
  EXPECT_EQ(order(*store, target_110).status, core::OrderStatus::kCanceled);

  // Zero latency: the market sell placed at 04:00 meets c4's open, 105.
  run(**session, 1);
  auto closes = store->list_orders(storage::OrderQuery{.user = user_, .limit = 1});
  ASSERT_TRUE(closes.ok());
  ASSERT_EQ(closes->size(), 1u);
  const storage::OrderRow& close = closes->front();
  EXPECT_THAT(done.result, HasSubstr(close.client_order_id.str()));
  EXPECT_EQ(close.side, core::OrderSide::kSell);
  EXPECT_EQ(close.type, core::OrderType::kMarket);
  EXPECT_TRUE(close.reduce_only);
  EXPECT_EQ(close.status, core::OrderStatus::kFilled);
  const auto fills = store->list_fills(close.id).value();
  ASSERT_EQ(fills.size(), 1u);
  EXPECT_EQ(fills[0].quantity, core::Quantity::parse("1.000"));
  EXPECT_EQ(fills[0].price, core::Price::parse("105"));
  EXPECT_EQ(fills[0].ts_event, hour(4));

  // Flat again, so signal 2 is followed: 10000 − 100 + 105 − 99.902 (0.836 @ 119.5).
  run(**session);
  const auto* position = (*session)->sim().portfolio().position(kBtc);
  ASSERT_NE(position, nullptr);
  EXPECT_EQ(position->quantity(), core::Quantity::parse("0.836"));
  EXPECT_EQ((*session)->status().cash, core::Money::parse("9905.098"));
}

TEST_F(PaperCommands, ASecondCloseWhileTheFirstIsInFlightIsRefusedNamingTheFirst) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 5);

  const auto first = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  const auto second = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  ASSERT_EQ((*session)->apply_commands().value(), 2u);
  const storage::OperatorCommandRow closing = command(*store, first);
  EXPECT_EQ(closing.status, "applied");
  auto closes = store->list_orders(storage::OrderQuery{.user = user_, .limit = 1});
  ASSERT_TRUE(closes.ok());
  ASSERT_EQ(closes->size(), 1u);
  const std::string close_id = closes->front().client_order_id.str();
  EXPECT_THAT(closing.result, HasSubstr(close_id));
  const storage::OperatorCommandRow refused = command(*store, second);
  EXPECT_EQ(refused.status, "failed");
  EXPECT_EQ(refused.result,
            fmt::format("a close of BTC/USDT is already in flight (order '{}')", close_id));

  // Once the close has filled at c4's open, a close finds no position.
  run(**session, 1);
  EXPECT_EQ(order(*store, close_id).status, core::OrderStatus::kFilled);
  const auto flat = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  ASSERT_EQ((*session)->apply_commands().value(), 1u);
  EXPECT_EQ(command(*store, flat).result, "there is no open BTC/USDT position to close");
}

TEST_F(PaperCommands, ACommandThatCannotBeAppliedIsRecordedFailedWithTheReason) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 2);
  const auto unknown = queue(*store, "cancel_order", R"({"client_order_id":"p1-nope"})");
  const auto flat = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  const auto elsewhere = queue(*store, "close_position", R"({"symbol":"ETH/USDT"})");
  const auto no_risk = queue(*store, "set_policy", R"({"policy":"conservative"})");
  const auto no_approval = queue(*store, "approve", R"({"approval_id":3})");
  const auto nonsense = queue(*store, "reboot");
  const auto bad_args = queue(*store, "cancel_order", "[1]");
  ASSERT_EQ((*session)->apply_commands().value(), 7u);

  const std::vector<std::pair<storage::OperatorCommandId, std::string>> expected = {
      {unknown, "order 'p1-nope' is not an order of paper session 1"},
      {flat, "there is no open BTC/USDT position to close"},
      {elsewhere, "ETH/USDT is not a market of paper session 1"},
      {no_risk, "paper session 1 trades without a risk setup: it has no policy"},
      {no_approval, "no signal waits for approval 3"},
      {nonsense,
       "unknown command 'reboot'; a paper session applies cancel_order, "
       "close_position, set_policy, resume_breaker, approve and reject"},
      {bad_args, "the arguments of cancel_order are not a JSON object: [1]"},
  };
  for (const auto& [id, reason] : expected) {
    const storage::OperatorCommandRow row = command(*store, id);
    EXPECT_EQ(row.status, "failed") << row.kind;
    EXPECT_EQ(row.result, reason);
    EXPECT_EQ(row.step, 2);
  }
  // Nothing changed: the run goes on as without them.
  EXPECT_TRUE(store->session_operator_commands(storage::PaperSessionId(1))->empty());
  EXPECT_EQ((*session)->status().orders_sent, 1u);
}

TEST_F(PaperCommands, SwitchingThePolicyIsARiskEventAndShowsInTheCheckpoint) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  auto session = open_guarded_session(*store, risk::RiskEngineConfig{});
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 2);
  EXPECT_EQ(stored_state(*store).at("risk").at("policy"), "moderate");

  const auto id = queue(*store, "set_policy", R"({"policy":"conservative"})");
  const auto again = queue(*store, "set_policy", R"({"policy":"conservative"})");
  const auto wrong = queue(*store, "set_policy", R"({"policy":"yolo"})");
  ASSERT_EQ((*session)->apply_commands().value(), 3u);
  EXPECT_EQ(command(*store, id).result, "the policy is now conservative");
  EXPECT_EQ(command(*store, again).status, "applied");
  EXPECT_EQ(command(*store, again).result, "the policy was already conservative");
  EXPECT_EQ(command(*store, wrong).status, "failed");
  EXPECT_THAT(command(*store, wrong).result, HasSubstr("yolo"));

  const auto events = store->recent_risk_events(user_, 1).value();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, "policy_changed");
  EXPECT_EQ(events[0].ts, hour(1) + core::Duration::minutes(30));  // the instant of step 2
  EXPECT_EQ(events[0].reason, "policy changed from moderate to conservative by alice");
  EXPECT_EQ((*session)->status().risk->policy, "conservative");
  // The checkpoint written with the command says so before the next step.
  EXPECT_EQ(stored_state(*store).at("risk").at("policy"), "conservative");
  EXPECT_EQ(store->find_paper_session(storage::PaperSessionId(1))->steps, 2);
}

TEST_F(PaperCommands, ABreakerOpenedByALossIsResumedAndResumingAgainSaysItIsClosed) {
  // One loss opens the breaker. A long at 103 posted at 02:00 (delivered after that close, step
  // 3) with its stop at 100.5: c2 opens at 103 (the limit fills there), rises to 105 at 02:20 and
  // falls to 99.5 at 02:40, reaching 100.5 at 02:20 + 4.5 / 5.5 × 20 min = 02:36:21.818181818.
  // The kernel hears of the fills when the step at c2's close (03:00) runs them, so the breaker
  // opens at 03:00 and its 4 h cooldown would end at 07:00.
  risk::RiskEngineConfig risk;
  risk.breaker.max_consecutive_losses = 1;
  auto store = open_store("a.db");
  store_long(*store, 1, hour(2), "103", {"110"}, "100.5");
  auto session = open_guarded_session(*store, risk);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 3);
  EXPECT_EQ((*session)->status().risk->breaker, "closed");
  run(**session, 1);

  const std::vector<std::string> orders = orders_of(*store);
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_THAT(orders[0], HasSubstr("@ 103 2024-01-01T02:00:00Z"));
  EXPECT_THAT(orders[1], HasSubstr("@ 100.50 2024-01-01T02:36:21.818181818Z"));
  const PaperStatus status = (*session)->status();
  ASSERT_TRUE(status.risk.has_value());
  EXPECT_EQ(status.risk->breaker, "open");
  EXPECT_EQ(status.risk->breaker_reason, "1 consecutive losses");
  EXPECT_EQ(status.risk->breaker_since, hour(3));
  EXPECT_EQ(status.risk->breaker_closes_at, hour(7));
  const boost::json::value breaker = stored_state(*store).at("risk").at("breaker");
  EXPECT_EQ(breaker.at("state"), "open");
  EXPECT_EQ(breaker.at("reason"), "1 consecutive losses");
  EXPECT_EQ(breaker.at("since").as_string(), "2024-01-01T03:00:00Z");

  const auto resume = queue(*store, "resume_breaker");
  const auto again = queue(*store, "resume_breaker");
  ASSERT_EQ((*session)->apply_commands().value(), 2u);
  EXPECT_EQ(command(*store, resume).status, "applied");
  EXPECT_EQ(command(*store, resume).result, "the breaker is closed again: entries may go ahead");
  EXPECT_EQ(command(*store, again).status, "applied");
  EXPECT_EQ(command(*store, again).result, "the breaker was already closed");
  EXPECT_EQ((*session)->status().risk->breaker, "closed");
  // 1 % of 10000 over the stop distance 2.5 would be 40 BTC; 20 % of equity (the symbol's
  // exposure limit) caps it at 2000 / 103 = 19.417.
  EXPECT_THAT(kinds_of(*store, user_),
              ::testing::ElementsAre("decision_resized", "breaker_opened", "breaker_resumed"));
  EXPECT_EQ(stored_state(*store).at("risk").at("breaker").at("state"), "closed");
}

TEST_F(PaperCommands, ASignalWaitingForApprovalIsEnteredWhenAPersonApprovesIt) {
  // Confidence 0.6 is under the minimum 0.7 but over the approval floor 0.5: it waits.
  risk::RiskEngineConfig risk;
  risk.approval_floor = 0.5;
  risk.approval_expiry = core::Duration::hours(3);
  auto store = open_store("a.db");
  store_long(*store, 1, hour(1) + core::Duration::minutes(30), "100", {"110", "120"}, "90", 0.6);
  auto session = open_guarded_session(*store, risk);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 2);
  EXPECT_THAT(kinds_of(*store, user_), ::testing::ElementsAre("approval_queued"));
  EXPECT_EQ((*session)->status().orders_sent, 0u);

  const auto id = queue(*store, "approve", R"({"approval_id":"1"})");
  ASSERT_EQ((*session)->apply_commands().value(), 1u);
  EXPECT_EQ(command(*store, id).status, "applied");
  EXPECT_EQ(command(*store, id).result, "approval 1 approved: entered at market");
  EXPECT_THAT(kinds_of(*store, user_),
              ::testing::ElementsAre("approval_queued", "approval_approved", "decision_accepted"));
  const auto approved = store->recent_risk_events(user_, 2).value().back();
  EXPECT_THAT(approved.details_json, HasSubstr(R"("who":"alice")"));
  const auto entries = store->list_orders(storage::OrderQuery{.user = user_}).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].type, core::OrderType::kMarket);
  EXPECT_EQ(entries[0].side, core::OrderSide::kBuy);
}

TEST_F(PaperCommands, ARejectedApprovalLeavesTheSignalUntraded) {
  risk::RiskEngineConfig risk;
  risk.approval_floor = 0.5;
  auto store = open_store("a.db");
  store_long(*store, 1, hour(1) + core::Duration::minutes(30), "100", {"110", "120"}, "90", 0.6);
  auto session = open_guarded_session(*store, risk);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session, 2);

  const auto id = queue(*store, "reject", R"({"approval_id":1})");
  const auto twice = queue(*store, "reject", R"({"approval_id":1})");
  ASSERT_EQ((*session)->apply_commands().value(), 2u);
  EXPECT_EQ(command(*store, id).result, "approval 1 rejected");
  EXPECT_EQ(command(*store, twice).status, "failed");
  EXPECT_EQ(command(*store, twice).result, "no signal waits for approval 1");
  EXPECT_THAT(kinds_of(*store, user_),
              ::testing::ElementsAre("approval_queued", "approval_rejected"));
  run(**session);
  EXPECT_EQ((*session)->status().orders_sent, 0u);
}

TEST_F(PaperCommands, EveryDecisionNamesItsPostSoThePostFindsIt) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  store_second_signal(*store);
  auto session = open_guarded_session(*store, risk::RiskEngineConfig{});
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session);

  for (const std::int64_t post : {1, 2}) {
    const auto decisions = store->decisions_for_message(user_, kChannel, core::MessageId(post));
    ASSERT_TRUE(decisions.ok()) << decisions.error().message();
    ASSERT_EQ(decisions->size(), 1u) << "post " << post;
    EXPECT_THAT(decisions->front().kind, ::testing::StartsWith("decision_"));
    EXPECT_THAT(decisions->front().details_json,
                HasSubstr(fmt::format(R"("message_id":"{}")", post)));
  }
}

TEST_F(PaperCommands, TheCheckpointMarksEachPositionAtTheLastClose) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  store_second_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  run(**session);

  // 0.836 bought at 119.5, marked at c7's close 120: 0.836 × 0.5 = 0.418 unrealized.
  const boost::json::value state = stored_state(*store);
  const boost::json::value& position = state.at("positions").at(0);
  EXPECT_EQ(position.at("symbol"), "BTC/USDT");
  EXPECT_EQ(core::Price::parse(position.at("mark").as_string()), core::Price::parse("120"));
  EXPECT_EQ(core::Money::parse(position.at("unrealized_pnl").as_string()),
            core::Money::parse("0.418"));
  EXPECT_FALSE(state.as_object().contains("risk")) << "no risk setup, no risk status";
}

TEST_F(PaperCommands, RunPaperAppliesTheCommandsQueuedSoFarBeforeEachStep) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  const auto early = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  std::optional<storage::OperatorCommandId> later;
  PaperRunOptions options;
  options.max_steps = 5;
  options.wall_clock = &wall_;
  options.status_every = 4;
  options.on_status = [&](const PaperStatus& status) {
    if (status.steps == 4) later = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
  };
  auto end = run_paper(**session, options);
  ASSERT_TRUE(end.ok()) << end.error().message();

  EXPECT_EQ(command(*store, early).step, 0);
  EXPECT_EQ(command(*store, early).status, "failed");  // nothing bought yet
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(command(*store, *later).step, 4);
  EXPECT_EQ(command(*store, *later).status, "applied");  // the entry filled in step 4
  EXPECT_THAT(command(*store, *later).result, HasSubstr("closing 1.000 BTC/USDT at market"));
}

// A pacer whose waits end as the test says: true lets the step run, false is a wait that ended
// first (the run polls and waits again).
class ScriptedPacer final : public Pacer {
 public:
  explicit ScriptedPacer(std::function<bool()> on_wait) : on_wait_(std::move(on_wait)) {}
  void begin(core::Timestamp) override {}
  bool wait_until(core::Timestamp, core::Duration) override { return on_wait_(); }

 private:
  std::function<bool()> on_wait_;
};

// A slow run can wait an hour for its next candle; a person's close must not wait with it.
TEST_F(PaperCommands, RunPaperAppliesACommandWhileItWaitsForTheNextStep) {
  auto store = open_store("a.db");
  store_first_signal(*store);
  auto session = open_session(*store, candles_);
  ASSERT_TRUE(session.ok()) << session.error().message();
  std::atomic<bool> stop{false};
  std::optional<storage::OperatorCommandId> close;
  int waits_after_four = 0;
  // Steps 1-4 run at once (the entry fills in step 4); then the wait for step 5 never ends: the
  // close is queued during the first wait and the run is stopped at the second.
  ScriptedPacer pacer([&] {
    if ((*session)->status().steps < 4) return true;
    if (++waits_after_four == 1) {
      close = queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
    } else {
      stop = true;
    }
    return false;
  });
  PaperRunOptions options;
  options.pacer = &pacer;
  options.stop = &stop;
  options.wall_clock = &wall_;
  auto end = run_paper(**session, options);
  ASSERT_TRUE(end.ok()) << end.error().message();
  EXPECT_EQ(*end, PaperRunEnd::kStopped);

  EXPECT_EQ((*session)->status().steps, 4);
  ASSERT_TRUE(close.has_value());
  EXPECT_EQ(command(*store, *close).status, "applied");
  EXPECT_EQ(command(*store, *close).step, 4);
  EXPECT_THAT(command(*store, *close).result, HasSubstr("closing 1.000 BTC/USDT at market"));
}

TEST_F(PaperCommands, ACommandBeforeTheFirstStepIsAppliedAgainOnResume) {
  auto store = open_store("a.db");
  {
    auto session = open_guarded_session(*store, risk::RiskEngineConfig{});
    ASSERT_TRUE(session.ok()) << session.error().message();
    queue(*store, "set_policy", R"({"policy":"aggressive"})");
    ASSERT_EQ((*session)->apply_commands().value(), 1u);
    ASSERT_TRUE((*session)->stop().ok());
  }
  auto session = open_guarded_session(*store, risk::RiskEngineConfig{});
  ASSERT_TRUE(session.ok()) << session.error().message();
  EXPECT_TRUE((*session)->resumed());
  EXPECT_EQ((*session)->replayed_steps(), 0);
  EXPECT_EQ((*session)->status().risk->policy, "aggressive");
  // Stored once: the replay's own policy_changed event is not written again.
  run(**session, 1);
  EXPECT_THAT(kinds_of(*store, user_), ::testing::ElementsAre("policy_changed"));
}

// A: cancel target 120 before step 6, close the rest before step 7, uninterrupted. B: the same
// commands around restarts: stopped after step 5; the cancel queued while stopped, applied after
// the resume and stopped again at once; resumed (the replay applies the cancel again at the end),
// one step, stopped; the close queued while stopped; resumed to the end.
TEST_F(PaperCommands, ARestartReplaysTheAppliedCommandsAtTheirStepsAndEndsInTheSameState) {
  const auto cancel_args = [&](storage::Store& store) {
    return fmt::format(R"({{"client_order_id":"{}"}})", open_order_at(store, "120"));
  };
  auto store_a = open_store("a.db");
  store_first_signal(*store_a);
  store_second_signal(*store_a);
  {
    auto session = open_session(*store_a, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 5);
    queue(*store_a, "cancel_order", cancel_args(*store_a));
    run(**session, 1);
    queue(*store_a, "close_position", R"({"symbol":"BTC/USDT"})");
    run(**session);
    // Target 110 sold 0.666 in c4; the close sells 0.334 at c5's open, 110; then signal 2 buys
    // 0.836 @ 119.5: 10000 − 100 + 73.26 + 36.74 − 99.902.
    EXPECT_EQ((*session)->status().cash, core::Money::parse("9910.098"));
  }

  auto store_b = open_store("b.db");
  store_first_signal(*store_b);
  store_second_signal(*store_b);
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 5);
  }
  queue(*store_b, "cancel_order", cancel_args(*store_b));
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_EQ((*session)->replayed_steps(), 5);
    ASSERT_EQ((*session)->apply_commands().value(), 1u);
    ASSERT_TRUE((*session)->stop().ok());
  }
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_EQ((*session)->replayed_steps(), 5);
    run(**session, 1);
  }
  queue(*store_b, "close_position", R"({"symbol":"BTC/USDT"})");
  {
    auto session = open_session(*store_b, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    EXPECT_EQ((*session)->replayed_steps(), 6);
    run(**session);
  }

  EXPECT_EQ(orders_of(*store_b), orders_of(*store_a));
  EXPECT_EQ(rows_in(*store_b, "fills"), rows_in(*store_a, "fills"));
  EXPECT_EQ(store_b->find_paper_session(storage::PaperSessionId(1))->state_json,
            store_a->find_paper_session(storage::PaperSessionId(1))->state_json);
  const auto commands_a = store_a->session_operator_commands(storage::PaperSessionId(1)).value();
  const auto commands_b = store_b->session_operator_commands(storage::PaperSessionId(1)).value();
  ASSERT_EQ(commands_b.size(), 2u);
  ASSERT_EQ(commands_a.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(commands_b[i].kind, commands_a[i].kind);
    EXPECT_EQ(commands_b[i].step, commands_a[i].step);
    EXPECT_EQ(commands_b[i].result, commands_a[i].result);
  }
  EXPECT_EQ(commands_b[0].step, 5);
  EXPECT_EQ(commands_b[1].step, 6);
}

TEST_F(PaperCommands, ARecordedCommandTheReplayCannotRepeatRefusesTheResume) {
  auto store = open_store("b.db");
  store_first_signal(*store);
  {
    auto session = open_session(*store, candles_);
    ASSERT_TRUE(session.ok()) << session.error().message();
    run(**session, 5);
    queue(*store, "close_position", R"({"symbol":"BTC/USDT"})");
    run(**session, 1);
  }
  // As if the close had been recorded one step earlier, when there was nothing to close.
  ASSERT_TRUE(store->connection()
                  .execute_script("UPDATE operator_commands SET step = 2 WHERE id = 1")
                  .ok());
  auto refused = open_session(*store, candles_);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message(), HasSubstr("cannot resume"));
  EXPECT_THAT(refused.error().message(),
              HasSubstr("operator command 1 (close_position) before step 3 gave 'closing 1.000 "
                        "BTC/USDT at market"));
  EXPECT_THAT(refused.error().message(),
              HasSubstr("but failed in the replay: there is no open BTC/USDT position to close"));
}

}  // namespace
}  // namespace sigtrader::engine
