#include "risk/risk_engine.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "core/decimal.hpp"
#include "risk/amount_text.hpp"
#include "risk/atr_exits.hpp"
#include "risk/symbol_mapping.hpp"

namespace sigtrader::risk {
namespace {

// Policy percentages and the drawdown scale are doubles; six decimals is finer than any of them.
constexpr int kFactorScale = 6;

// The validator's limits tightened by a policy's: the stricter of each pair.
ValidatorConfig with_policy(ValidatorConfig config, RiskPolicy policy) {
  const PolicyLimits& limits = limits_of(policy);
  config.min_confidence = std::max(config.min_confidence, limits.min_confidence);
  config.max_leverage = std::min(config.max_leverage, limits.max_leverage);
  config.max_open_positions = std::min(config.max_open_positions, limits.max_open_positions);
  return config;
}

std::array<EntryValidator, kAllPolicies.size()> validators_for(const ValidatorConfig& config) {
  static_assert(kAllPolicies[0] == RiskPolicy::kConservative &&
                    kAllPolicies[1] == RiskPolicy::kModerate &&
                    kAllPolicies[2] == RiskPolicy::kAggressive,
                "validators are indexed by the policy's value");
  return {EntryValidator(with_policy(config, kAllPolicies[0])),
          EntryValidator(with_policy(config, kAllPolicies[1])),
          EntryValidator(with_policy(config, kAllPolicies[2]))};
}

core::Decimal percent_decimal(double percent) {
  auto converted = core::Decimal::from_double(percent, kFactorScale);
  SIGTRADER_ASSERT(converted.ok(), "policy percentages are small constants");
  return *converted;
}

bool needs_stop(const SizingRule& rule) {
  return std::holds_alternative<RiskPerTrade>(rule) || std::holds_alternative<KellyRisk>(rule);
}

bool has_note(const std::vector<RiskReason>& notes, std::string_view code) {
  return std::any_of(notes.begin(), notes.end(),
                     [&](const RiskReason& note) { return note.code == code; });
}

// Shrinks the decision's quantity to what the symbol and total exposure limits still allow, when
// its notional is more; false when it fits, or when even the venue's minimum would not (the
// validator then refuses it, naming the limit).
bool cap_to_exposure(const ValidatorConfig& config, const EntryRequest& request,
                     const AccountView& account, const core::Instrument& instrument,
                     RiskDecision& decision) {
  const core::Money room = exposure_headroom(config, decision.symbol, account);
  if (decision.notional <= room || !request.entry.is_positive()) return false;
  auto raw = core::checked_div(room.decimal(), request.entry.decimal(), 12, core::Rounding::kDown);
  if (!raw) return false;
  auto capped = instrument.round_quantity(core::Quantity(*raw));
  if (!capped || !capped->is_positive() || *capped < instrument.min_qty ||
      request.entry * *capped < instrument.min_notional) {
    return false;
  }
  decision.notes.push_back(
      {"capped_by_exposure",
       fmt::format("size {} {} ({} {}) capped to {} {}: {} {} of exposure left under the symbol "
                   "and total limits",
                   amount_text(decision.quantity), instrument.symbol.base,
                   amount_text(decision.notional), instrument.symbol.quote, amount_text(*capped),
                   instrument.symbol.base, amount_text(room), instrument.symbol.quote)});
  decision.quantity = *capped;
  decision.notional = request.entry * *capped;
  return true;
}

// The sized quantity × the drawdown scale, rounded down to the step; the note says by how much.
// The sizer checked the venue's minimums on the unscaled size, so they are checked again here.
core::Result<core::Quantity> scale_for_drawdown(const EntryRequest& request,
                                                core::Quantity quantity, double scale,
                                                double drawdown, const core::Instrument& instrument,
                                                std::vector<RiskReason>& notes) {
  SIGTRADER_TRY(const core::Decimal factor,
                core::Decimal::from_double(scale, kFactorScale, core::Rounding::kDown));
  SIGTRADER_TRY(const core::Decimal product, core::checked_mul(quantity.decimal(), factor));
  SIGTRADER_TRY(const core::Quantity scaled, instrument.round_quantity(core::Quantity(product)));
  const std::string& base = instrument.symbol.base;
  const std::string& quote = instrument.symbol.quote;
  const core::Money notional = request.entry * scaled;
  if (!scaled.is_positive() || scaled < instrument.min_qty || notional < instrument.min_notional) {
    return core::Error(
        core::ErrorCode::kRejected,
        fmt::format("size {} {} × the drawdown scale {} = {} {} ({} {}) is below the minimum "
                    "quantity {} {} or notional {} {}",
                    amount_text(quantity), base, amount_text(factor), amount_text(scaled), base,
                    amount_text(notional), quote, amount_text(instrument.min_qty), base,
                    amount_text(instrument.min_notional), quote));
  }
  notes.push_back(
      {"drawdown_scaled",
       fmt::format("drawdown {:.2f} % from the peak: size {} {} × {} = {} {}", drawdown,
                   amount_text(quantity), base, amount_text(factor), amount_text(scaled), base)});
  return scaled;
}

std::string codes_of(const std::vector<RiskReason>& reasons) {
  std::string codes;
  for (const RiskReason& reason : reasons)
    codes += (codes.empty() ? "" : ",") + reason.code;
  return codes;
}

std::string texts_of(const std::vector<RiskReason>& reasons) {
  std::string texts;
  for (const RiskReason& reason : reasons)
    texts += (texts.empty() ? "" : "; ") + reason.text;
  return texts;
}

// What a person approving an entry waives: the confidence, which is what they judge, and the
// signal's age, which was checked when it was queued (approval_expiry bounds the wait instead).
bool waived_at_approval(const RiskReason& reason) {
  return reason.code == "min_confidence" || reason.code == "stale_signal";
}

// "approval 3 (long PEPE/USDT from telegram:-1001, confidence 0.65)": how events name an item.
std::string describe(const PendingApproval& pending) {
  return fmt::format("approval {} ({} {} from {}, confidence {:.2f})", pending.id.value(),
                     core::to_string(pending.request.side), pending.request.symbol.to_string(),
                     pending.request.channel.empty() ? "a strategy" : pending.request.channel.str(),
                     pending.request.confidence);
}

// Names the signal's post in an event's details, so that the decisions on a post can be looked
// up from it (Store::decisions_for_message).
void add_post(std::vector<std::pair<std::string, std::string>>& details,
              const EntryRequest& request) {
  if (request.message_id) {
    details.emplace_back("message_id", std::to_string(request.message_id->value()));
  }
}

}  // namespace

core::Status validate(const RiskEngineConfig& config) {
  SIGTRADER_RETURN_IF_ERROR(config.validator.validate());
  if (config.sizer) SIGTRADER_RETURN_IF_ERROR(validate(*config.sizer));
  if (config.trust) SIGTRADER_RETURN_IF_ERROR(validate(*config.trust));
  const auto config_error = [](std::string message) {
    return core::Error(core::ErrorCode::kConfig, "risk engine: " + std::move(message));
  };
  if (config.approval_floor && !(*config.approval_floor >= 0.0 && *config.approval_floor <= 1.0)) {
    return config_error(fmt::format("approval_floor {} is not in 0..1", *config.approval_floor));
  }
  // A floor at or above the minimum would never queue anything: a mistake, not a choice.
  if (config.approval_floor && *config.approval_floor >= config.validator.min_confidence) {
    return config_error(fmt::format("approval_floor {} is not below min_confidence {}",
                                    *config.approval_floor, config.validator.min_confidence));
  }
  if (config.approval_expiry <= core::Duration()) {
    return config_error(
        fmt::format("approval_expiry {} is not positive", config.approval_expiry.to_string()));
  }
  if (config.max_pending_approvals < 1) {
    return config_error(
        fmt::format("max_pending_approvals {} is below 1", config.max_pending_approvals));
  }
  return {};
}

std::string_view to_string(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kAccepted:
      return "accepted";
    case DecisionKind::kResized:
      return "resized";
    case DecisionKind::kRejected:
      return "rejected";
    case DecisionKind::kQueued:
      return "queued";
  }
  SIGTRADER_ASSERT(false, "unknown DecisionKind");
  return "";
}

RiskEngine::RiskEngine(RiskEngineConfig config, bus::MessageBus* bus)
    : config_(std::move(config)),
      bus_(bus),
      policy_(config_.policy, bus),
      breaker_(config_.breaker, bus),
      validators_(validators_for(config_.validator)),
      // Checked by validate() below; a negative value must not wrap to a huge capacity first.
      approvals_(static_cast<std::size_t>(std::max(config_.max_pending_approvals, 1))) {
  SIGTRADER_ASSERT(validate(config_).ok(), "RiskEngine needs a valid RiskEngineConfig");
}

SizerConfig RiskEngine::sizer_for(const EntryRequest& request) const {
  const core::Decimal risk_percent = percent_decimal(limits().risk_per_trade_pct);
  SizerConfig sizer = config_.sizer.value_or(SizerConfig{RiskPerTrade{risk_percent}, {}, {}});
  if (config_.trust) sizer.trust = config_.trust;
  // Without a stop the whole position counts as at risk (see RiskEngineConfig).
  if (!request.stop_loss && needs_stop(sizer.rule)) sizer.rule = PercentOfEquity{risk_percent};
  return sizer;
}

RiskDecision RiskEngine::decide(const EntryRequest& request, const AccountView& account,
                                const core::Instrument& instrument, core::Price last_price,
                                const DecisionInputs& inputs) {
  EntryRequest entry;
  RiskDecision decision =
      evaluate(request, account, instrument, last_price, inputs, /*approving=*/false, entry);
  if (should_queue(request, decision)) enqueue(request, decision);
  emit(entry, decision);
  return decision;
}

RiskDecision RiskEngine::evaluate(const EntryRequest& request, const AccountView& account,
                                  const core::Instrument& instrument, core::Price last_price,
                                  const DecisionInputs& inputs, bool approving,
                                  EntryRequest& entry) {
  RiskDecision decision;
  const SymbolMapping mapping = validator().mapping_for(request.symbol);
  decision.symbol = mapping.venue_symbol;
  entry = request;
  const core::Status converted = to_venue_units(entry, mapping.price_multiplier, instrument);
  if (approving && converted.ok() && last_price.is_positive()) entry.entry = last_price;
  decision.entry = entry.entry;
  decision.stop_loss = entry.stop_loss;
  decision.targets = entry.targets;
  // Prices in the wrong units cannot be checked against anything: refused at once.
  if (!converted.ok()) {
    decision.reasons.push_back({"symbol_mapping", converted.error().message()});
    return decision;
  }

  std::optional<RiskReason> breaker_reason = breaker_.allows_entry(entry.ts);
  collect_part_events();
  if (breaker_reason) {
    decision.reasons.push_back(std::move(*breaker_reason));
    return decision;
  }

  const PolicyLimits& policy = limits();
  ExitDerivation exits = derive_missing_exits(
      entry, instrument, inputs.atr,
      {policy.stop_atr, policy.take_profit_atr,
       config_.allow_entries_without_stop || policy.allow_entries_without_stop});
  decision.notes = std::move(exits.notes);
  decision.reasons = std::move(exits.reasons);
  decision.stop_loss = entry.stop_loss;
  decision.targets = entry.targets;

  bool shrunk = false;
  if (decision.reasons.empty()) {
    auto sized = size_entry(sizer_for(entry), entry, instrument,
                            {account.equity, inputs.atr, inputs.channel_trust});
    if (!sized.ok()) {
      decision.reasons.push_back({"sizing", sized.error().message()});
    } else {
      decision.notes.insert(decision.notes.end(), sized->notes.begin(), sized->notes.end());
      shrunk = has_note(sized->notes, "capped");
      decision.quantity = sized->quantity;
      const double scale = drawdown_risk_scale(account, validator().config());
      if (scale < 1.0) {
        auto scaled = scale_for_drawdown(entry, sized->quantity, scale, drawdown_pct(account),
                                         instrument, decision.notes);
        if (!scaled.ok()) {
          decision.reasons.push_back({"sizing", scaled.error().message()});
        } else {
          shrunk = shrunk || *scaled < sized->quantity;
          decision.quantity = *scaled;
        }
      }
      decision.notional = entry.entry * decision.quantity;
      shrunk =
          cap_to_exposure(validator().config(), entry, account, instrument, decision) || shrunk;
      if (entry.stop_loss) {
        decision.risk_at_stop = (entry.entry - *entry.stop_loss).abs() * decision.quantity;
      }
    }
  }

  const ValidationResult validation =
      validator().validate(entry, account, last_price, decision.notional, inputs.exposure_groups);
  for (const RiskReason& reason : validation.reasons) {
    if (!(approving && waived_at_approval(reason))) decision.reasons.push_back(reason);
  }
  if (!decision.reasons.empty()) {
    decision.kind = DecisionKind::kRejected;
  } else {
    decision.kind = shrunk ? DecisionKind::kResized : DecisionKind::kAccepted;
  }
  return decision;
}

// Only a confidence between the floor and the minimum is a question for a person; any other
// reason (a limit, a stale price, the breaker) would refuse the entry whoever approved it.
bool RiskEngine::should_queue(const EntryRequest& request, const RiskDecision& decision) const {
  if (!config_.approval_floor || decision.kind != DecisionKind::kRejected) return false;
  const bool only_confidence =
      std::all_of(decision.reasons.begin(), decision.reasons.end(),
                  [](const RiskReason& reason) { return reason.code == "min_confidence"; });
  return only_confidence && !decision.reasons.empty() &&
         request.confidence >= *config_.approval_floor;
}

void RiskEngine::enqueue(const EntryRequest& request, RiskDecision& decision) {
  if (approvals_.full()) {
    for (const PendingApproval& expired : approvals_.take_expired(request.ts)) {
      emit_approval(kExpiredKind, expired, request.ts,
                    fmt::format("{} expired at {} without a decision; not traded",
                                describe(expired), expired.expires_at.to_iso8601()),
                    "");
    }
  }
  if (approvals_.full()) {
    const std::optional<PendingApproval> oldest = approvals_.take_oldest();
    SIGTRADER_ASSERT(oldest.has_value(), "a full queue has an oldest item");
    emit_approval(kDroppedKind, *oldest, request.ts,
                  fmt::format("{} dropped untraded to make room: at most {} signals wait for "
                              "approval",
                              describe(*oldest), approvals_.capacity()),
                  "");
  }
  PendingApproval pending;
  pending.request = request;
  pending.symbol = decision.symbol;
  pending.queued_at = request.ts;
  pending.expires_at = request.ts + config_.approval_expiry;
  pending.quantity = decision.quantity;
  pending.notional = decision.notional;
  pending.reason = texts_of(decision.reasons);
  decision.approval_id = approvals_.add(std::move(pending));
  decision.kind = DecisionKind::kQueued;
}

ExposureGroups RiskEngine::exposure_groups(const ReturnSeries& returns) const {
  const ValidatorConfig& validator_config = config_.validator;
  return group_by_correlation(returns, validator_config.correlation_threshold,
                              validator_config.correlation_min_points);
}

core::Result<PendingApproval> RiskEngine::take_pending(ApprovalId id, core::Timestamp ts) {
  std::optional<PendingApproval> pending = approvals_.take(id);
  if (!pending) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("approval {} is not pending: it was already approved, rejected "
                                   "or expired, or never queued",
                                   id.value()));
  }
  if (pending->expires_at <= ts) {
    std::string text =
        fmt::format("{} expired at {}, {} after it was queued; not traded", describe(*pending),
                    pending->expires_at.to_iso8601(), config_.approval_expiry.to_string());
    emit_approval(kExpiredKind, *pending, ts, text, "");
    return core::Error(core::ErrorCode::kRejected, std::move(text));
  }
  return std::move(*pending);
}

core::Result<RiskDecision> RiskEngine::approve(ApprovalId id, core::Timestamp ts,
                                               std::string_view who, const AccountView& account,
                                               const core::Instrument& instrument,
                                               core::Price last_price,
                                               const DecisionInputs& inputs) {
  SIGTRADER_TRY(const PendingApproval pending, take_pending(id, ts));
  emit_approval(kApprovedKind, pending, ts,
                fmt::format("{} approved by {}", describe(pending), who), who);
  EntryRequest request = pending.request;
  request.ts = ts;
  EntryRequest entry;
  RiskDecision decision =
      evaluate(request, account, instrument, last_price, inputs, /*approving=*/true, entry);
  decision.approval_id = id;
  emit(entry, decision);
  return decision;
}

core::Status RiskEngine::reject_approval(ApprovalId id, core::Timestamp ts, std::string_view who) {
  SIGTRADER_TRY(const PendingApproval pending, take_pending(id, ts));
  emit_approval(kApprovalRejectedKind, pending, ts,
                fmt::format("{} rejected by {}; not traded", describe(pending), who), who);
  return {};
}

std::vector<PendingApproval> RiskEngine::expire_approvals(core::Timestamp now) {
  std::vector<PendingApproval> expired = approvals_.take_expired(now);
  for (const PendingApproval& pending : expired) {
    emit_approval(kExpiredKind, pending, now,
                  fmt::format("{} expired at {} without a decision; not traded", describe(pending),
                              pending.expires_at.to_iso8601()),
                  "");
  }
  return expired;
}

void RiskEngine::record_entry(const EntryRequest& request) {
  for (EntryValidator& each : validators_)
    each.record_entry(request);
}

void RiskEngine::on_trade_closed(core::Timestamp ts, core::Money pnl, core::Money equity_after) {
  breaker_.on_trade_closed(ts, pnl, equity_after);
  collect_part_events();
}

void RiskEngine::on_equity(core::Timestamp ts, core::Money equity) {
  breaker_.on_equity(ts, equity);
  collect_part_events();
}

bool RiskEngine::switch_policy(core::Timestamp ts, RiskPolicy policy, std::string_view who) {
  const bool switched = policy_.switch_to(ts, policy, who);
  collect_part_events();
  return switched;
}

bool RiskEngine::resume(core::Timestamp ts, std::string_view who) {
  const bool resumed = breaker_.resume(ts, who);
  collect_part_events();
  return resumed;
}

std::vector<bus::RiskEvent> RiskEngine::take_events() {
  return std::exchange(events_, {});
}

// The breaker and the policy switch publish their own events; the engine keeps copies in order.
void RiskEngine::collect_part_events() {
  for (bus::RiskEvent& event : breaker_.take_transitions())
    events_.push_back(std::move(event));
  for (bus::RiskEvent& event : policy_.take_changes())
    events_.push_back(std::move(event));
}

void RiskEngine::emit(const EntryRequest& request, const RiskDecision& decision) {
  std::string_view kind = kAcceptedKind;
  if (decision.kind == DecisionKind::kResized) kind = kResizedKind;
  if (decision.kind == DecisionKind::kRejected) kind = kRejectedKind;
  if (decision.kind == DecisionKind::kQueued) kind = kQueuedKind;
  const core::Timestamp expires_at = request.ts + config_.approval_expiry;

  std::string reason;
  if (decision.kind == DecisionKind::kRejected) {
    reason = texts_of(decision.reasons);
  } else if (decision.kind == DecisionKind::kQueued) {
    reason = fmt::format("awaiting approval {} until {}: {}, at or above the approval floor {:.2f}",
                         decision.approval_id->value(), expires_at.to_iso8601(),
                         texts_of(decision.reasons), config_.approval_floor.value_or(0.0));
  } else {
    reason = fmt::format("{} {} {} {} at {} ({} {})", to_string(decision.kind),
                         core::to_string(request.side), amount_text(decision.quantity),
                         decision.symbol.base, amount_text(request.entry),
                         amount_text(decision.notional), decision.symbol.quote);
  }
  std::string targets;
  for (const core::Price target : decision.targets)
    targets += (targets.empty() ? "" : ",") + amount_text(target);

  bus::RiskEvent event{{request.ts, request.ts, {}},
                       std::string(kind),
                       decision.symbol,
                       std::move(reason),
                       {{"channel", request.channel.str()},
                        {"side", std::string(core::to_string(request.side))},
                        {"confidence", fmt::format("{}", request.confidence)},
                        {"entry", amount_text(request.entry)},
                        {"quantity", amount_text(decision.quantity)},
                        {"notional", amount_text(decision.notional)},
                        {"stop", decision.stop_loss ? amount_text(*decision.stop_loss) : ""},
                        {"targets", std::move(targets)},
                        {"leverage", std::to_string(request.leverage)},
                        {"policy", std::string(policy_name(policy()))},
                        {"codes", codes_of(decision.reasons)},
                        {"notes", codes_of(decision.notes)}}};
  add_post(event.details, request);
  if (decision.approval_id) {
    event.details.emplace_back("approval_id", std::to_string(decision.approval_id->value()));
  }
  if (decision.kind == DecisionKind::kQueued) {
    event.details.emplace_back("expires_at", expires_at.to_iso8601());
  }
  if (bus_ != nullptr) bus_->publish(event);
  events_.push_back(std::move(event));
}

void RiskEngine::emit_approval(std::string_view kind, const PendingApproval& pending,
                               core::Timestamp ts, std::string reason, std::string_view who) {
  const EntryRequest& request = pending.request;
  bus::RiskEvent event{{ts, ts, {}},
                       std::string(kind),
                       pending.symbol,
                       std::move(reason),
                       {{"approval_id", std::to_string(pending.id.value())},
                        {"channel", request.channel.str()},
                        {"side", std::string(core::to_string(request.side))},
                        {"confidence", fmt::format("{}", request.confidence)},
                        {"queued_at", pending.queued_at.to_iso8601()},
                        {"expires_at", pending.expires_at.to_iso8601()},
                        {"who", std::string(who)}}};
  add_post(event.details, request);
  if (bus_ != nullptr) bus_->publish(event);
  events_.push_back(std::move(event));
}

}  // namespace sigtrader::risk
