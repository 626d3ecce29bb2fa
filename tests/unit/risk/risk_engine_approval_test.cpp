// Signals between the approval floor and the minimum confidence wait for a person
// (RiskEngineConfig::approval_floor): queued, approved, rejected, expired.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bus/message_bus.hpp"
#include "risk/risk_engine.hpp"
#include "unit/risk/risk_engine_test_support.hpp"

namespace sigtrader::risk {
namespace {

using testing::btc;
using testing::detail;
using testing::kLast;
using testing::kPosted;

using core::Duration;
using core::Money;
using core::Price;
using core::Quantity;
using core::Timestamp;
using Strings = std::vector<std::string>;

const Timestamp kQueued = kPosted + Duration::minutes(1);  // 22:14:20Z, expires 22:29:20Z

// The moderate policy (minimum confidence 0.7) with an approval floor of 0.6, the default 15
// minute expiry, and exposure limits wide enough for the sizes below.
RiskEngineConfig config() {
  RiskEngineConfig config;
  config.validator.max_symbol_exposure_pct = 100;
  config.validator.max_total_exposure_pct = 200;
  config.approval_floor = 0.6;
  return config;
}

// A long BTC/USDT signal posted `later` after kPosted and decided a minute after that: entry
// 42000, stop 41160 (840 below), targets 43000 and 44000, confidence 0.65.
EntryRequest unsure_signal(Duration later = Duration()) {
  EntryRequest request;
  request.ts = kQueued + later;
  request.signal_ts = kPosted + later;
  request.channel = core::ChannelId("telegram:-1001");
  request.symbol = {"BTC", "USDT"};
  request.entry = Price::parse("42000");
  request.stop_loss = Price::parse("41160");
  request.targets = {Price::parse("43000"), Price::parse("44000")};
  request.confidence = 0.65;
  return request;
}

AccountView account() {
  AccountView account;
  account.equity = Money::parse("10000");
  account.peak_equity = account.equity;
  account.day_start_equity = account.equity;
  return account;
}

Strings kinds(const std::vector<bus::RiskEvent>& events) {
  Strings out;
  for (const bus::RiskEvent& event : events)
    out.push_back(event.kind);
  return out;
}

Strings codes(const std::vector<RiskReason>& reasons) {
  Strings out;
  for (const RiskReason& reason : reasons)
    out.push_back(reason.code);
  return out;
}

std::vector<std::int64_t> pending_ids(const RiskEngine& engine) {
  std::vector<std::int64_t> out;
  for (const PendingApproval& pending : engine.pending_approvals())
    out.push_back(pending.id.value());
  return out;
}

const std::string kDescribed = "approval 1 (long BTC/USDT from telegram:-1001, confidence 0.65)";

TEST(RiskEngineApproval, QueuesASignalBelowTheMinimumConfidenceButAtOrAboveTheFloor) {
  RiskEngine engine(config());
  const RiskDecision decision = engine.decide(unsure_signal(), account(), btc(), kLast);

  EXPECT_EQ(decision.kind, DecisionKind::kQueued);
  EXPECT_EQ(to_string(decision.kind), "queued");
  EXPECT_FALSE(decision.accepted());  // nothing is traded until a person approves
  EXPECT_EQ(decision.approval_id, ApprovalId(1));
  EXPECT_EQ(codes(decision.reasons), Strings{"min_confidence"});
  // Sized as usual, so the person sees what approving means: 100 USDT / 840 → 0.119 BTC.
  EXPECT_EQ(decision.quantity, Quantity::parse("0.119"));

  ASSERT_EQ(engine.events().size(), 1u);
  const bus::RiskEvent& event = engine.events()[0];
  EXPECT_EQ(event.kind, "approval_queued");
  EXPECT_EQ(event.reason,
            "awaiting approval 1 until 2023-11-14T22:29:20Z: confidence 0.65 is below the minimum "
            "0.70, at or above the approval floor 0.60");
  EXPECT_EQ(detail(event, "approval_id"), "1");
  EXPECT_EQ(detail(event, "expires_at"), "2023-11-14T22:29:20Z");

  const std::vector<PendingApproval> pending = engine.pending_approvals();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].id, ApprovalId(1));
  EXPECT_EQ(pending[0].symbol, (core::Symbol{"BTC", "USDT"}));
  EXPECT_EQ(pending[0].queued_at, kQueued);
  EXPECT_EQ(pending[0].expires_at, kQueued + Duration::minutes(15));
  EXPECT_EQ(pending[0].notional, Money::parse("4998"));

  // Exactly at the floor is queued too.
  EntryRequest at_floor = unsure_signal();
  at_floor.confidence = 0.6;
  EXPECT_EQ(engine.decide(at_floor, account(), btc(), kLast).approval_id, ApprovalId(2));
}

TEST(RiskEngineApproval, RejectsBelowTheFloorAndAcceptsAtTheMinimum) {
  RiskEngine engine(config());
  EntryRequest request = unsure_signal();
  request.confidence = 0.59;
  const RiskDecision below = engine.decide(request, account(), btc(), kLast);
  EXPECT_EQ(below.kind, DecisionKind::kRejected);
  EXPECT_FALSE(below.approval_id.has_value());

  request.confidence = 0.7;
  EXPECT_EQ(engine.decide(request, account(), btc(), kLast).kind, DecisionKind::kAccepted);
  EXPECT_TRUE(engine.pending_approvals().empty());
  EXPECT_EQ(kinds(engine.events()), (Strings{"decision_rejected", "decision_accepted"}));
}

TEST(RiskEngineApproval, QueuesOnlyWhenConfidenceIsTheOnlyReason) {
  RiskEngine engine(config());
  EntryRequest request = unsure_signal();
  request.leverage = 8;  // above the moderate policy's 5x: no approval could make it tradable
  const RiskDecision decision = engine.decide(request, account(), btc(), kLast);
  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(decision.reasons), (Strings{"min_confidence", "max_leverage"}));
  EXPECT_TRUE(engine.pending_approvals().empty());
}

TEST(RiskEngineApproval, ApprovalSizesTheEntryAgainAtTheApprovalTimePrice) {
  RiskEngine engine(config());
  ASSERT_EQ(engine.decide(unsure_signal(), account(), btc(), kLast).kind, DecisionKind::kQueued);

  // Five minutes later (the signal is now 6 minutes old, past max_signal_age 5m, which was checked
  // at queue time) the price is 42420: the stop distance is 42420 − 41160 = 1260, so 1 % of
  // 10000 = 100 USDT buys 100 / 1260 = 0.07936… → 0.079 BTC (3351.18 USDT, 99.54 at risk).
  const core::Result<RiskDecision> approved =
      engine.approve(ApprovalId(1), kQueued + Duration::minutes(5), "alice", account(), btc(),
                     Price::parse("42420"));
  ASSERT_TRUE(approved.ok()) << approved.error().message();
  EXPECT_EQ(approved->kind, DecisionKind::kAccepted);
  EXPECT_TRUE(approved->reasons.empty());
  EXPECT_EQ(approved->approval_id, ApprovalId(1));
  EXPECT_EQ(approved->entry, Price::parse("42420"));
  EXPECT_EQ(approved->quantity, Quantity::parse("0.079"));
  EXPECT_EQ(approved->notional, Money::parse("3351.18"));
  EXPECT_EQ(approved->risk_at_stop, Money::parse("99.54"));

  EXPECT_EQ(kinds(engine.events()),
            (Strings{"approval_queued", "approval_approved", "decision_accepted"}));
  const bus::RiskEvent& approval = engine.events()[1];
  EXPECT_EQ(approval.reason, kDescribed + " approved by alice");
  EXPECT_EQ(detail(approval, "who"), "alice");
  EXPECT_EQ(engine.events()[2].reason, "accepted long 0.079 BTC at 42420 (3351.18 USDT)");
  EXPECT_EQ(detail(engine.events()[2], "approval_id"), "1");
  EXPECT_TRUE(engine.pending_approvals().empty());
}

TEST(RiskEngineApproval, ApprovalStillRefusesAPriceThatReachedTheFirstTarget) {
  RiskEngine engine(config());
  ASSERT_EQ(engine.decide(unsure_signal(), account(), btc(), kLast).kind, DecisionKind::kQueued);
  const core::Result<RiskDecision> approved =
      engine.approve(ApprovalId(1), kQueued + Duration::minutes(3), "alice", account(), btc(),
                     Price::parse("43000"));
  ASSERT_TRUE(approved.ok());
  // Entering at 43000 puts the first target 43000 at the entry, and the move is over.
  EXPECT_EQ(approved->kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(approved->reasons), (Strings{"inconsistent_signal", "stale_price"}));
  EXPECT_EQ(approved->reasons[1].text,
            "price 43000 is already at or above the first target 43000 of a long");
}

TEST(RiskEngineApproval, ApprovingAfterTheExpiryFailsAndDropsTheSignal) {
  RiskEngine engine(config());
  ASSERT_EQ(engine.decide(unsure_signal(), account(), btc(), kLast).kind, DecisionKind::kQueued);

  const core::Result<RiskDecision> late = engine.approve(
      ApprovalId(1), kQueued + Duration::minutes(15), "alice", account(), btc(), kLast);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), core::ErrorCode::kRejected);
  EXPECT_EQ(late.error().message(),
            kDescribed + " expired at 2023-11-14T22:29:20Z, 15m after it was queued; not traded");
  EXPECT_EQ(kinds(engine.events()), (Strings{"approval_queued", "approval_expired"}));
  EXPECT_TRUE(engine.pending_approvals().empty());

  const core::Result<RiskDecision> again = engine.approve(
      ApprovalId(1), kQueued + Duration::minutes(16), "alice", account(), btc(), kLast);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(again.error().message(),
            "approval 1 is not pending: it was already approved, rejected or expired, or never "
            "queued");
}

TEST(RiskEngineApproval, RejectingPublishesAnEventAndForgetsTheSignal) {
  bus::MessageBus bus;
  Strings published;
  bus.subscribe<bus::RiskEvent>(
      [&](const bus::RiskEvent& event) { published.push_back(event.kind); });
  RiskEngine engine(config(), &bus);
  ASSERT_EQ(engine.decide(unsure_signal(), account(), btc(), kLast).kind, DecisionKind::kQueued);

  ASSERT_TRUE(engine.reject_approval(ApprovalId(1), kQueued + Duration::minutes(2), "bob").ok());
  EXPECT_EQ(published, (Strings{"approval_queued", "approval_rejected"}));
  const bus::RiskEvent& rejected = engine.events().back();
  EXPECT_EQ(rejected.reason, kDescribed + " rejected by bob; not traded");
  EXPECT_EQ(detail(rejected, "who"), "bob");
  EXPECT_EQ(rejected.header.ts_event, kQueued + Duration::minutes(2));
  EXPECT_TRUE(engine.pending_approvals().empty());

  EXPECT_EQ(
      engine.reject_approval(ApprovalId(1), kQueued + Duration::minutes(3), "bob").error().code(),
      core::ErrorCode::kNotFound);
}

TEST(RiskEngineApproval, ExpiringDropsOnlyTheDueSignalsWithAnEventEach) {
  bus::MessageBus bus;
  Strings published;
  bus.subscribe<bus::RiskEvent>(
      [&](const bus::RiskEvent& event) { published.push_back(event.kind); });
  RiskEngine engine(config(), &bus);
  engine.decide(unsure_signal(), account(), btc(), kLast);                       // expires +15m
  engine.decide(unsure_signal(Duration::minutes(10)), account(), btc(), kLast);  // +25m

  EXPECT_TRUE(engine.expire_approvals(kQueued + Duration::minutes(14)).empty());
  const std::vector<PendingApproval> expired =
      engine.expire_approvals(kQueued + Duration::minutes(15));
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].id, ApprovalId(1));
  EXPECT_EQ(pending_ids(engine), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(published, (Strings{"approval_queued", "approval_queued", "approval_expired"}));
  EXPECT_EQ(engine.events().back().reason,
            kDescribed + " expired at 2023-11-14T22:29:20Z without a decision; not traded");
}

TEST(RiskEngineApproval, AnOpenBreakerAtApprovalTimeRefusesTheEntry) {
  RiskEngine engine(config());
  ASSERT_EQ(engine.decide(unsure_signal(), account(), btc(), kLast).kind, DecisionKind::kQueued);
  for (int i = 1; i <= 3; ++i) {  // three losing trades in a row open the breaker
    engine.on_trade_closed(kQueued + Duration::seconds(i), Money::parse("-10"),
                           Money::parse("10000") - Money::from_int(10 * i));
  }
  ASSERT_TRUE(engine.breaker().is_open());

  const core::Result<RiskDecision> approved = engine.approve(
      ApprovalId(1), kQueued + Duration::minutes(2), "alice", account(), btc(), kLast);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(approved->reasons), Strings{"breaker_open"});
  EXPECT_EQ(kinds(engine.events()), (Strings{"approval_queued", "breaker_opened",
                                             "approval_approved", "decision_rejected"}));
  EXPECT_TRUE(engine.pending_approvals().empty());
}

TEST(RiskEngineApproval, AFullQueueDropsExpiredSignalsFirstThenTheOldest) {
  RiskEngineConfig two = config();
  two.max_pending_approvals = 2;
  RiskEngine engine(two);
  engine.decide(unsure_signal(), account(), btc(), kLast);                       // 1: to +15m
  engine.decide(unsure_signal(Duration::minutes(10)), account(), btc(), kLast);  // 2: to +25m
  // Full; 1 has expired by +16m, so it makes room.
  engine.decide(unsure_signal(Duration::minutes(16)), account(), btc(), kLast);  // 3: to +31m
  EXPECT_EQ(pending_ids(engine), (std::vector<std::int64_t>{2, 3}));
  // Full, none expired: the oldest (2) is dropped.
  engine.decide(unsure_signal(Duration::minutes(17)), account(), btc(), kLast);  // 4
  EXPECT_EQ(pending_ids(engine), (std::vector<std::int64_t>{3, 4}));

  EXPECT_EQ(kinds(engine.events()),
            (Strings{"approval_queued", "approval_queued", "approval_expired", "approval_queued",
                     "approval_dropped", "approval_queued"}));
  EXPECT_EQ(engine.events()[4].reason,
            "approval 2 (long BTC/USDT from telegram:-1001, confidence 0.65) dropped untraded to "
            "make room: at most 2 signals wait for approval");
}

TEST(RiskEngineApproval, TheConfigNamesABadFloorExpiryOrCapacity) {
  RiskEngineConfig bad = config();
  bad.approval_floor = 1.5;
  EXPECT_EQ(validate(bad).error().message(), "risk engine: approval_floor 1.5 is not in 0..1");
  bad = config();
  bad.approval_expiry = Duration();
  EXPECT_EQ(validate(bad).error().message(), "risk engine: approval_expiry 0s is not positive");
  bad = config();
  bad.max_pending_approvals = 0;
  EXPECT_EQ(validate(bad).error().message(), "risk engine: max_pending_approvals 0 is below 1");
}

}  // namespace
}  // namespace sigtrader::risk
