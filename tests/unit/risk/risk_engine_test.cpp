#include "risk/risk_engine.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bus/message_bus.hpp"
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

// Exposure limits wide enough for the sizes below (0.119 BTC at 42000 is 49.98 % of 10000).
RiskEngineConfig config() {
  RiskEngineConfig config;
  config.validator.max_symbol_exposure_pct = 100;
  config.validator.max_total_exposure_pct = 200;
  return config;
}

// A long BTC/USDT signal posted at kPosted and decided a minute later: entry 42000, stop 41160
// (840 below), targets 43000 and 44000, confidence 0.9, no leverage.
EntryRequest long_signal() {
  EntryRequest request;
  request.ts = kPosted + Duration::minutes(1);
  request.signal_ts = kPosted;
  request.channel = core::ChannelId("telegram:-1001");
  request.symbol = {"BTC", "USDT"};
  request.side = core::PositionSide::kLong;
  request.entry = Price::parse("42000");
  request.stop_loss = Price::parse("41160");
  request.targets = {Price::parse("43000"), Price::parse("44000")};
  request.confidence = 0.9;
  return request;
}

AccountView account_at(std::string_view equity, std::string_view peak = "10000") {
  AccountView account;
  account.equity = Money::parse(equity);
  account.peak_equity = Money::parse(peak);
  account.day_start_equity = Money::parse(peak);
  return account;
}

std::vector<std::string> codes(const std::vector<RiskReason>& reasons) {
  std::vector<std::string> out;
  for (const RiskReason& reason : reasons)
    out.push_back(reason.code);
  return out;
}

std::vector<std::string> kinds(const std::vector<bus::RiskEvent>& events) {
  std::vector<std::string> out;
  for (const bus::RiskEvent& event : events)
    out.push_back(event.kind);
  return out;
}

TEST(RiskEngine, AcceptsAnEntrySizedByTheModeratePolicysOnePercentRisk) {
  RiskEngine engine(config());
  const RiskDecision decision = engine.decide(long_signal(), account_at("10000"), btc(), kLast);

  // 1 % of 10000 = 100 USDT over the stop distance 840: 0.11904… BTC, down to the step 0.001.
  EXPECT_EQ(decision.kind, DecisionKind::kAccepted) << decision.reasons.size();
  EXPECT_EQ(decision.quantity, Quantity::parse("0.119"));
  EXPECT_EQ(decision.notional, Money::parse("4998"));
  EXPECT_EQ(decision.risk_at_stop, Money::parse("99.96"));
  EXPECT_EQ(decision.stop_loss, Price::parse("41160"));
  EXPECT_TRUE(decision.reasons.empty());
  EXPECT_EQ(codes(decision.notes), (std::vector<std::string>{"sized", "rounded_to_step"}));

  ASSERT_EQ(engine.events().size(), 1u);
  const bus::RiskEvent& event = engine.events().front();
  EXPECT_EQ(event.kind, "decision_accepted");
  EXPECT_EQ(event.symbol, (core::Symbol{"BTC", "USDT"}));
  EXPECT_EQ(event.reason, "accepted long 0.119 BTC at 42000 (4998 USDT)");
  EXPECT_EQ(detail(event, "channel"), "telegram:-1001");
  EXPECT_EQ(detail(event, "confidence"), "0.9");
  EXPECT_EQ(detail(event, "quantity"), "0.119");
  EXPECT_EQ(detail(event, "notional"), "4998");
  EXPECT_EQ(detail(event, "stop"), "41160");
  EXPECT_EQ(detail(event, "policy"), "moderate");
  EXPECT_EQ(detail(event, "codes"), "");
}

TEST(RiskEngine, ADecisionNamesTheSignalsPostWhenTheRequestCarriesIt) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.message_id = core::MessageId(4711);
  (void)engine.decide(request, account_at("10000"), btc(), kLast);
  (void)engine.decide(long_signal(), account_at("10000"), btc(), kLast);

  ASSERT_EQ(engine.events().size(), 2u);
  EXPECT_EQ(detail(engine.events()[0], "message_id"), "4711");
  EXPECT_EQ(detail(engine.events()[0], "channel"), "telegram:-1001");
  EXPECT_EQ(detail(engine.events()[1], "message_id"), "<missing message_id>");
}

TEST(RiskEngine, DerivesTheStopAndTargetFromTheAtrWhenTheSignalHasNone) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.stop_loss.reset();
  request.targets.clear();
  const RiskDecision decision = engine.decide(request, account_at("10000"), btc(), kLast,
                                              {.atr = Price::parse("300"), .channel_trust = {}});

  // Moderate: stop 2 ATR = 600 below 42000, target 4 ATR = 1200 above; 100 USDT / 600 = 0.1666….
  EXPECT_EQ(decision.kind, DecisionKind::kAccepted);
  EXPECT_EQ(decision.stop_loss, Price::parse("41400"));
  EXPECT_EQ(decision.targets, (std::vector<Price>{Price::parse("43200")}));
  EXPECT_EQ(decision.quantity, Quantity::parse("0.166"));
  ASSERT_GE(decision.notes.size(), 2u);
  EXPECT_EQ(
      decision.notes[0],
      (RiskReason{"stop_derived", "stop derived: 2 ATR (300) below the entry 42000 = 41400"}));
  EXPECT_EQ(decision.notes[1], (RiskReason{"targets_derived",
                                           "target derived: 4 ATR (300) above the entry 42000 = "
                                           "43200"}));
  EXPECT_EQ(detail(engine.events().back(), "stop"), "41400");
  EXPECT_EQ(detail(engine.events().back(), "targets"), "43200");
}

TEST(RiskEngine, DerivesAShortsStopAboveAndItsTargetBelowTheEntry) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.side = core::PositionSide::kShort;
  request.stop_loss.reset();
  request.targets.clear();
  engine.switch_policy(request.ts, RiskPolicy::kAggressive, "test");
  const RiskDecision decision = engine.decide(request, account_at("10000"), btc(), kLast,
                                              {.atr = Price::parse("600"), .channel_trust = {}});

  // Aggressive: 2.5 ATR = 1500 above, 5 ATR = 3000 below; 2 % of 10000 = 200 / 1500 = 0.1333….
  EXPECT_EQ(decision.kind, DecisionKind::kAccepted);
  EXPECT_EQ(decision.stop_loss, Price::parse("43500"));
  EXPECT_EQ(decision.targets, (std::vector<Price>{Price::parse("39000")}));
  EXPECT_EQ(decision.quantity, Quantity::parse("0.133"));
}

TEST(RiskEngine, RejectsAnEntryWithNeitherAStopNorAnAtrToDeriveOne) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.stop_loss.reset();
  const RiskDecision decision = engine.decide(request, account_at("10000"), btc(), kLast);

  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  EXPECT_EQ(decision.quantity, Quantity());
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0],
            (RiskReason{"no_stop",
                        "no stop and no ATR to derive one; entries without a stop are not "
                        "allowed"}));
  ASSERT_EQ(engine.events().size(), 1u);
  EXPECT_EQ(engine.events()[0].kind, "decision_rejected");
  EXPECT_EQ(engine.events()[0].reason, decision.reasons[0].text);
  EXPECT_EQ(detail(engine.events()[0], "codes"), "no_stop");
}

TEST(RiskEngine, AllowedWithoutAStopTheWholeNotionalCountsAsAtRisk) {
  RiskEngineConfig allowing = config();
  allowing.allow_entries_without_stop = true;
  RiskEngine engine(allowing);
  EntryRequest request = long_signal();
  request.stop_loss.reset();
  const RiskDecision decision = engine.decide(request, account_at("10000"), btc(), kLast);

  // A notional of 1 % of 10000 = 100 USDT: 0.00238… BTC, down to 0.002 (84 USDT).
  EXPECT_EQ(decision.kind, DecisionKind::kAccepted);
  EXPECT_EQ(decision.quantity, Quantity::parse("0.002"));
  EXPECT_EQ(decision.notional, Money::parse("84"));
  EXPECT_FALSE(decision.stop_loss.has_value());
  EXPECT_FALSE(decision.risk_at_stop.has_value());
  ASSERT_FALSE(decision.notes.empty());
  EXPECT_EQ(decision.notes[0].code, "no_stop");
  EXPECT_EQ(decision.notes[1].code, "sized");
  EXPECT_EQ(detail(engine.events().back(), "stop"), "");
}

TEST(RiskEngine, AnOpenBreakerRejectsWithItsReasonAndOneEvent) {
  bus::MessageBus bus;
  std::vector<bus::RiskEvent> published;
  bus.subscribe<bus::RiskEvent>([&](const bus::RiskEvent& event) { published.push_back(event); });
  RiskEngine engine(config(), &bus);
  for (int i = 0; i < 3; ++i) {
    engine.on_trade_closed(kPosted + Duration::seconds(i), Money::parse("-10"),
                           Money::parse("10000") - Money::from_int(10 * (i + 1)));
  }
  ASSERT_TRUE(engine.breaker().is_open());

  // At its peak, so that no drawdown resizes the entry once trading resumes.
  const AccountView account = account_at("9970", "9970");
  const RiskDecision decision = engine.decide(long_signal(), account, btc(), kLast);
  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(decision.reasons), (std::vector<std::string>{"breaker_open"}));
  EXPECT_EQ(kinds(engine.events()),
            (std::vector<std::string>{"breaker_opened", "decision_rejected"}));
  EXPECT_EQ(kinds(published), kinds(engine.events()));
  EXPECT_EQ(detail(engine.events().back(), "codes"), "breaker_open");

  // A person resumes: the next entry goes ahead.
  EXPECT_TRUE(engine.resume(long_signal().ts, "alice"));
  EXPECT_EQ(engine.decide(long_signal(), account, btc(), kLast).kind, DecisionKind::kAccepted);
  EXPECT_EQ(kinds(engine.take_events()),
            (std::vector<std::string>{"breaker_opened", "decision_rejected", "breaker_resumed",
                                      "decision_accepted"}));
  EXPECT_TRUE(engine.events().empty());
}

TEST(RiskEngine, SwitchingThePolicyChangesTheMinimumConfidence) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.confidence = 0.75;
  EXPECT_TRUE(engine.decide(request, account_at("10000"), btc(), kLast).accepted());

  EXPECT_TRUE(engine.switch_policy(request.ts, RiskPolicy::kConservative, "alice"));
  EXPECT_FALSE(engine.switch_policy(request.ts, RiskPolicy::kConservative, "alice"));
  EXPECT_EQ(engine.policy(), RiskPolicy::kConservative);
  const RiskDecision decision = engine.decide(request, account_at("10000"), btc(), kLast);
  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0],
            (RiskReason{"min_confidence", "confidence 0.75 is below the minimum 0.80"}));
  // The conservative 0.5 % still sized it: 50 / 840 = 0.0595… → 0.059.
  EXPECT_EQ(decision.quantity, Quantity::parse("0.059"));
  EXPECT_EQ(kinds(engine.events()),
            (std::vector<std::string>{"decision_accepted", "policy_changed", "decision_rejected"}));
  EXPECT_EQ(detail(engine.events().back(), "policy"), "conservative");
}

TEST(RiskEngine, ADrawdownShrinksTheSizeAndTheNoteGivesTheScale) {
  RiskEngine engine(config());
  // Equity 9000 against the peak 10000: drawdown 10 %, scale 1 − 0.75 × 10 / 20 = 0.625.
  const RiskDecision decision = engine.decide(long_signal(), account_at("9000"), btc(), kLast);

  // 1 % of 9000 = 90 / 840 = 0.10714… → 0.107; × 0.625 = 0.066875 → 0.066.
  EXPECT_EQ(decision.kind, DecisionKind::kResized);
  EXPECT_EQ(decision.quantity, Quantity::parse("0.066"));
  EXPECT_EQ(decision.notional, Money::parse("2772"));
  ASSERT_FALSE(decision.notes.empty());
  EXPECT_EQ(decision.notes.back(),
            (RiskReason{"drawdown_scaled",
                        "drawdown 10.00 % from the peak: size 0.107 BTC × 0.625 = 0.066 BTC"}));
  EXPECT_EQ(engine.events().back().kind, "decision_resized");
  EXPECT_EQ(engine.events().back().reason, "resized long 0.066 BTC at 42000 (2772 USDT)");
}

TEST(RiskEngine, AMaximumNotionalCapIsAResize) {
  RiskEngineConfig capped = config();
  capped.sizer =
      SizerConfig{RiskPerTrade{core::Decimal::from_int(1)}, std::nullopt, Money::parse("2000")};
  RiskEngine engine(capped);
  const RiskDecision decision = engine.decide(long_signal(), account_at("10000"), btc(), kLast);

  // 0.119 wanted; 2000 / 42000 = 0.0476… → 0.047.
  EXPECT_EQ(decision.kind, DecisionKind::kResized);
  EXPECT_EQ(decision.quantity, Quantity::parse("0.047"));
}

TEST(RiskEngine, AnEntryTooBigForTheExposureLimitsIsShrunkToFit) {
  RiskEngineConfig limited = config();
  limited.validator.max_symbol_exposure_pct = 20;
  RiskEngine engine(limited);
  // 1 % of 10000 over an 840 stop = 0.119 BTC = 4998 USDT; 20 % of 10000 = 2000 USDT allows
  // 2000 / 42000 = 0.0476… → 0.047 BTC (1974 USDT).
  const RiskDecision decision = engine.decide(long_signal(), account_at("10000"), btc(), kLast);
  EXPECT_EQ(decision.kind, DecisionKind::kResized);
  EXPECT_EQ(decision.quantity, Quantity::parse("0.047"));
  EXPECT_EQ(decision.notional, Money::parse("1974"));
  EXPECT_EQ(codes(decision.notes).back(), "capped_by_exposure");

  // With 1500 USDT of BTC already open, 500 is left: 500 / 42000 = 0.0119… → 0.011 BTC.
  AccountView account = account_at("10000");
  account.positions.push_back({{"BTC", "USDT"}, core::PositionSide::kLong, Money::parse("1500")});
  EntryRequest later = long_signal();
  later.ts = later.ts + Duration::hours(2);  // after the symbol cooldown of the first decision
  later.signal_ts = later.signal_ts + Duration::hours(2);
  const RiskDecision second = engine.decide(later, account, btc(), kLast);
  EXPECT_EQ(second.kind, DecisionKind::kResized);
  EXPECT_EQ(second.quantity, Quantity::parse("0.011"));

  // Nothing left: refused, naming the limit.
  account.positions.front().notional = Money::parse("2000");
  const RiskDecision third = engine.decide(later, account, btc(), kLast);
  EXPECT_EQ(third.kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(third.reasons), (std::vector<std::string>{"max_symbol_exposure"}));
}

TEST(RiskEngine, PassesEveryValidatorReasonThroughAtOnce) {
  RiskEngine engine(config());
  EntryRequest request = long_signal();
  request.confidence = 0.5;
  request.leverage = 8;  // the validator allows 10x, the moderate policy 5x
  AccountView account = account_at("10000");
  for (const char* base : {"ETH", "SOL", "XRP", "ADA", "DOGE"})
    account.positions.push_back({{base, "USDT"}, core::PositionSide::kLong, Money::parse("100")});
  const RiskDecision decision = engine.decide(request, account, btc(), kLast);

  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  EXPECT_EQ(codes(decision.reasons),
            (std::vector<std::string>{"min_confidence", "max_leverage", "max_open_positions"}));
  EXPECT_EQ(decision.reasons[1].text, "leverage 8x is above the maximum 5x");
  const bus::RiskEvent& event = engine.events().back();
  EXPECT_EQ(event.kind, "decision_rejected");
  EXPECT_EQ(detail(event, "codes"), "min_confidence,max_leverage,max_open_positions");
  EXPECT_EQ(event.reason, decision.reasons[0].text + "; " + decision.reasons[1].text + "; " +
                              decision.reasons[2].text);
}

TEST(RiskEngine, EveryDecisionPublishesExactlyOneEventOfItsKind) {
  bus::MessageBus bus;
  std::vector<bus::RiskEvent> published;
  bus.subscribe<bus::RiskEvent>([&](const bus::RiskEvent& event) { published.push_back(event); });
  RiskEngine engine(config(), &bus);
  EntryRequest unsure = long_signal();
  unsure.confidence = 0.1;

  engine.decide(long_signal(), account_at("10000"), btc(), kLast);
  engine.decide(long_signal(), account_at("9000"), btc(), kLast);
  engine.decide(unsure, account_at("10000"), btc(), kLast);

  const std::vector<std::string> expected{"decision_accepted", "decision_resized",
                                          "decision_rejected"};
  EXPECT_EQ(kinds(published), expected);
  EXPECT_EQ(kinds(engine.events()), expected);
}

TEST(RiskEngine, ARecordedEntryStartsTheCooldownUnderEveryPolicy) {
  RiskEngine engine(config());
  const EntryRequest request = long_signal();
  ASSERT_TRUE(engine.decide(request, account_at("10000"), btc(), kLast).accepted());
  engine.record_entry(request);

  EntryRequest next = long_signal();
  next.channel = core::ChannelId("telegram:-1002");
  next.ts += Duration::minutes(2);
  next.signal_ts += Duration::minutes(2);
  engine.switch_policy(next.ts, RiskPolicy::kAggressive, "alice");
  const RiskDecision decision = engine.decide(next, account_at("10000"), btc(), kLast);
  EXPECT_EQ(codes(decision.reasons), (std::vector<std::string>{"symbol_cooldown"}));
}

}  // namespace
}  // namespace sigtrader::risk
