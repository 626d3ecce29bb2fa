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

}  // namespace

core::Status validate(const RiskEngineConfig& config) {
  SIGTRADER_RETURN_IF_ERROR(config.validator.validate());
  if (config.sizer) SIGTRADER_RETURN_IF_ERROR(validate(*config.sizer));
  if (config.trust) SIGTRADER_RETURN_IF_ERROR(validate(*config.trust));
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
  }
  SIGTRADER_ASSERT(false, "unknown DecisionKind");
  return "";
}

RiskEngine::RiskEngine(RiskEngineConfig config, bus::MessageBus* bus)
    : config_(std::move(config)),
      bus_(bus),
      policy_(config_.policy, bus),
      breaker_(config_.breaker, bus),
      validators_(validators_for(config_.validator)) {
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
  RiskDecision decision;
  const SymbolMapping mapping = validator().mapping_for(request.symbol);
  decision.symbol = mapping.venue_symbol;
  EntryRequest entry = request;
  const core::Status converted = to_venue_units(entry, mapping.price_multiplier, instrument);
  decision.entry = entry.entry;
  decision.stop_loss = entry.stop_loss;
  decision.targets = entry.targets;
  // Prices in the wrong units cannot be checked against anything: refused at once.
  if (!converted.ok()) {
    decision.reasons.push_back({"symbol_mapping", converted.error().message()});
    emit(entry, decision);
    return decision;
  }

  std::optional<RiskReason> breaker_reason = breaker_.allows_entry(entry.ts);
  collect_part_events();
  if (breaker_reason) {
    decision.reasons.push_back(std::move(*breaker_reason));
    emit(entry, decision);
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
      if (entry.stop_loss) {
        decision.risk_at_stop = (entry.entry - *entry.stop_loss).abs() * decision.quantity;
      }
    }
  }

  const ValidationResult validation =
      validator().validate(entry, account, last_price, decision.notional, inputs.exposure_groups);
  decision.reasons.insert(decision.reasons.end(), validation.reasons.begin(),
                          validation.reasons.end());
  if (!decision.reasons.empty()) {
    decision.kind = DecisionKind::kRejected;
  } else {
    decision.kind = shrunk ? DecisionKind::kResized : DecisionKind::kAccepted;
  }
  emit(entry, decision);
  return decision;
}

ExposureGroups RiskEngine::exposure_groups(const ReturnSeries& returns) const {
  const ValidatorConfig& validator_config = config_.validator;
  return group_by_correlation(returns, validator_config.correlation_threshold,
                              validator_config.correlation_min_points);
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

  std::string reason;
  if (decision.kind == DecisionKind::kRejected) {
    reason = texts_of(decision.reasons);
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
  if (bus_ != nullptr) bus_->publish(event);
  events_.push_back(std::move(event));
}

}  // namespace sigtrader::risk
