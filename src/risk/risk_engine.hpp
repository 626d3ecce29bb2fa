#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "risk/approval_queue.hpp"
#include "risk/circuit_breaker.hpp"
#include "risk/entry_request.hpp"
#include "risk/exposure_groups.hpp"
#include "risk/policy.hpp"
#include "risk/position_sizer.hpp"
#include "risk/sizer_edge.hpp"
#include "risk/validator.hpp"

namespace sigtrader::risk {

// Everything the risk engine is built from; the engine copies the configured values in.
struct RiskEngineConfig {
  // The validator's limits. min_confidence, max_leverage and max_open_positions are combined with
  // the active policy's: the stricter of the two applies (the higher confidence, the lower
  // leverage and position count), so a policy can tighten the config but never loosen it.
  ValidatorConfig validator;
  // How entries are sized; absent: risk-per-trade at the active policy's risk_per_trade_pct.
  std::optional<SizerConfig> sizer;
  // Scales every size by the channel's record; when set it replaces the sizer's own `trust`.
  std::optional<TrustWeighting> trust;
  BreakerConfig breaker;
  RiskPolicy policy = RiskPolicy::kModerate;  // the policy the engine starts with
  // An entry with no stop and no ATR to derive one is refused unless this (or the active
  // policy's allow_entries_without_stop) says otherwise. Such an entry is sized as if the whole
  // position were at risk: a notional of risk_per_trade_pct % of equity (1 % of 10000 USDT is
  // 100 USDT), whatever the sizer, when the sizer's rule needs a stop (risk-per-trade, Kelly).
  bool allow_entries_without_stop = false;
  // A signal refused only because its confidence is below the minimum, but at or above this floor
  // (0..1), waits for a person to approve or reject it (DecisionKind::kQueued) instead of being
  // dropped. Absent: no queue, such signals are rejected.
  std::optional<double> approval_floor;
  // A queued signal not approved within this long expires untraded. 15 minutes: long enough for a
  // person to see a Telegram alert and answer, short enough that the trade is still the signal's.
  core::Duration approval_expiry = core::Duration::minutes(15);
  // At most this many signals wait at once, which bounds the queue's memory. When a new one
  // arrives at the limit, expired ones are dropped first, then the oldest (the nearest to expiry,
  // its price the most likely to have moved), each with an event.
  int max_pending_approvals = 100;
};

// Every part of the config is valid (sizer, trust, validator); the error names the field.
core::Status validate(const RiskEngineConfig& config);

// What the engine knows about the market besides the last price. Prices are the venue's.
struct DecisionInputs {
  std::optional<core::Price> atr;             // the symbol's ATR: derives exits, sizes AtrRisk
  std::optional<ChannelTrust> channel_trust;  // the request's channel's record, when known
  // Which symbols move together (RiskEngine::exposure_groups()), for the group exposure limit;
  // null skips that check. Groups rather than raw returns: grouping costs O(symbols² × points),
  // so the caller computes it once per closed candle and every decision until the next one shares
  // it. Not owned; it must outlive the call.
  const ExposureGroups* exposure_groups = nullptr;
};

enum class DecisionKind { kAccepted, kResized, kRejected, kQueued };
// "accepted" | "resized" | "rejected" | "queued".
std::string_view to_string(DecisionKind kind);

// The engine's answer to one EntryRequest.
struct RiskDecision {
  // kResized: accepted, but smaller than the sizer's rule asked for (a cap or the drawdown scale).
  // kQueued: not traded now; waits for a person under `approval_id` (see RiskEngine::approve()).
  DecisionKind kind = DecisionKind::kRejected;
  core::Symbol symbol;      // the venue's (after ValidatorConfig::symbol_mappings / symbol_map)
  core::Price entry;        // the entry in venue units; at approval, the approval-time price
  core::Quantity quantity;  // the size to enter; when rejected, what it would have been (or 0)
  core::Money notional;     // quantity × entry
  std::optional<core::Money> risk_at_stop;  // quantity × the stop distance, before fees
  std::optional<core::Price> stop_loss;     // the request's, or derived from the ATR
  std::vector<core::Price> targets;         // the request's, or one derived from the ATR
  std::vector<RiskReason> reasons;          // why it was rejected (or queued); empty otherwise
  // How it was shaped, in order: derived exits, the sizer's steps, the drawdown scale.
  std::vector<RiskReason> notes;
  // Set when queued, and on the decision approve() returns.
  std::optional<ApprovalId> approval_id;

  // Whether to enter now: accepted or resized (a queued entry is not traded until approved).
  bool accepted() const {
    return kind == DecisionKind::kAccepted || kind == DecisionKind::kResized;
  }
};

// The one gate between every strategy and the order manager: asks the circuit breaker, derives the
// exits an entry lacks, sizes it, shrinks it in a drawdown and validates it, under the risk policy
// in force.
//
// decide(): prices to venue units (ValidatorConfig::symbol_mappings) → breaker → exits from the
// ATR (PolicyLimits::stop_atr / take_profit_atr) → size (size_entry) → × drawdown_risk_scale(),
// rounded down to the step → validate with the final notional (and the correlated groups, when
// given). An open breaker refuses at once; every other refusal is collected, so a rejected
// decision names every reason at the same time. When the only reason is min_confidence and the
// confidence is at or above RiskEngineConfig::approval_floor, the entry is queued for a person.
//
// Nothing is refused silently: every decision is a bus::RiskEvent (decision_accepted |
// decision_resized | decision_rejected | approval_queued) published when a bus is given and kept,
// together with the breaker's transitions, the policy switches and the approval queue's
// transitions (approval_approved | approval_rejected | approval_expired | approval_dropped), in
// events() until take_events() hands them to the store as risk_events rows. No clock inside:
// every call takes its time.
class RiskEngine {
 public:
  static constexpr std::string_view kAcceptedKind = "decision_accepted";
  static constexpr std::string_view kResizedKind = "decision_resized";
  static constexpr std::string_view kRejectedKind = "decision_rejected";
  static constexpr std::string_view kQueuedKind = "approval_queued";
  static constexpr std::string_view kApprovedKind = "approval_approved";
  static constexpr std::string_view kApprovalRejectedKind = "approval_rejected";
  static constexpr std::string_view kExpiredKind = "approval_expired";
  static constexpr std::string_view kDroppedKind = "approval_dropped";  // the queue was full

  // `config` must pass validate() (asserted). `bus` may be null; it must outlive the engine.
  explicit RiskEngine(RiskEngineConfig config, bus::MessageBus* bus = nullptr);

  // Decides on a new entry at request.ts. `instrument` is the venue's for the request's (mapped)
  // symbol, `last_price` the venue's price now (for the stale-price check). The request's prices
  // are the signal's; the decision's are the venue's.
  RiskDecision decide(const EntryRequest& request, const AccountView& account,
                      const core::Instrument& instrument, core::Price last_price,
                      const DecisionInputs& inputs = {});

  // Groups `returns` (venue symbols) by the configured correlation_threshold and
  // correlation_min_points, for DecisionInputs::exposure_groups.
  ExposureGroups exposure_groups(const ReturnSeries& returns) const;

  // The signals waiting for a person, oldest first; ones past their expiry stay listed until
  // expire_approvals() (or an approve/reject of them) drops them.
  std::vector<PendingApproval> pending_approvals() const { return approvals_.items(); }
  // A person approves a queued signal at `ts`: it is decided again now, as an entry at the market,
  // with the minimum confidence waived and everything else in force: the breaker, the policy, the
  // exposure limits, cooldowns, and the price checks against `last_price` (a price that already
  // reached the stop or the first target refuses). The entry becomes `last_price` (the approved
  // entry fills now, so sizing from the signal's old entry would misstate the risk at the stop);
  // with no positive last price it stays the signal's and the stale-price check refuses. The
  // signal's age (max_signal_age) is not checked again: it was checked when the signal was
  // queued, and approval_expiry bounds the wait instead, since a person takes minutes.
  // Emits approval_approved, then the decision's event; the signal leaves the queue whatever the
  // decision: one approval, one decision. Once the entry is sent, call record_entry() with the
  // pending request re-timed to `ts`, so that its cooldown starts at the entry.
  // Errors: kNotFound when no pending approval has `id`; kRejected when it expired at or before
  // `ts` (it is dropped with an approval_expired event and nothing is decided).
  core::Result<RiskDecision> approve(ApprovalId id, core::Timestamp ts, std::string_view who,
                                     const AccountView& account, const core::Instrument& instrument,
                                     core::Price last_price, const DecisionInputs& inputs = {});
  // A person rejects a queued signal: it leaves the queue untraded (approval_rejected). The same
  // errors as approve().
  core::Status reject_approval(ApprovalId id, core::Timestamp ts, std::string_view who);
  // Drops every queued signal whose expiry is at or before `now`, one approval_expired event each,
  // and returns them, oldest first. Call it on a timer (every minute is plenty).
  std::vector<PendingApproval> expire_approvals(core::Timestamp now);

  // Call once an accepted entry has been sent: starts its symbol cooldown and duplicate window.
  void record_entry(const EntryRequest& request);
  // Results for the breaker: a closed trade and equity readings (see CircuitBreaker).
  void on_trade_closed(core::Timestamp ts, core::Money pnl, core::Money equity_after);
  void on_equity(core::Timestamp ts, core::Money equity);

  // Makes `policy` the active one; false (no event) when it already is.
  bool switch_policy(core::Timestamp ts, RiskPolicy policy, std::string_view who);
  RiskPolicy policy() const { return policy_.active(); }
  const PolicyLimits& limits() const { return policy_.limits(); }

  // A person resumes trading after the breaker opened; false when it is closed.
  bool resume(core::Timestamp ts, std::string_view who);
  const CircuitBreaker& breaker() const { return breaker_; }
  // Restores the breaker state saved before a restart (see CircuitBreaker::restore).
  core::Status restore_breaker(BreakerState state) { return breaker_.restore(std::move(state)); }

  // Every RiskEvent since construction (or the last take_events()), oldest first.
  const std::vector<bus::RiskEvent>& events() const { return events_; }
  std::vector<bus::RiskEvent> take_events();

 private:
  // The validator under each policy, each with the stricter limits; all remember every entry, so
  // cooldowns and duplicate windows survive a switch.
  EntryValidator& validator() { return validators_[static_cast<std::size_t>(policy_.active())]; }
  SizerConfig sizer_for(const EntryRequest& request) const;
  // Everything decide() does except queueing and the event. `approving`: the request is a queued
  // one approved now (see approve()). Leaves the request as decided (venue units, derived exits)
  // in `entry`, for the event.
  RiskDecision evaluate(const EntryRequest& request, const AccountView& account,
                        const core::Instrument& instrument, core::Price last_price,
                        const DecisionInputs& inputs, bool approving, EntryRequest& entry);
  bool should_queue(const EntryRequest& request, const RiskDecision& decision) const;
  void enqueue(const EntryRequest& request, RiskDecision& decision);
  // The pending approval `id`, removed; an error when there is none or it expired by `ts`.
  core::Result<PendingApproval> take_pending(ApprovalId id, core::Timestamp ts);
  void collect_part_events();
  void emit(const EntryRequest& request, const RiskDecision& decision);
  void emit_approval(std::string_view kind, const PendingApproval& pending, core::Timestamp ts,
                     std::string reason, std::string_view who);

  RiskEngineConfig config_;
  bus::MessageBus* bus_;
  PolicySwitch policy_;
  CircuitBreaker breaker_;
  std::array<EntryValidator, kAllPolicies.size()> validators_;
  ApprovalQueue approvals_;
  std::vector<bus::RiskEvent> events_;
};

}  // namespace sigtrader::risk
