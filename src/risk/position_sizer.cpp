#include "risk/position_sizer.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "risk/amount_text.hpp"

namespace sigtrader::risk {

namespace {

using core::Decimal;
using core::Money;
using core::Price;
using core::Quantity;
using core::Rounding;

// Channel statistics become decimal factors with this many places before they touch money.
constexpr int kFactorScale = 6;
// Extra places of the unrounded quantity, so the rounding note shows what was cut off.
constexpr int kExtraQuantityPlaces = 4;

core::Error rejected(std::string message) {
  return core::Error(core::ErrorCode::kRejected, std::move(message));
}
core::Error invalid(std::string message) {
  return core::Error(core::ErrorCode::kInvalidArgument, std::move(message));
}

// 5 (%) → 0.05 exactly: the same digits two places further right.
core::Result<Decimal> fraction_of_percent(Decimal percent) {
  return Decimal::from_mantissa(percent.mantissa(), percent.scale() + 2);
}

core::Result<Decimal> factor_from(double value) {
  return Decimal::from_double(value, kFactorScale, Rounding::kNearest);
}

core::Result<Money> scaled(Money amount, Decimal factor) {
  auto product = core::checked_mul(amount.decimal(), factor);
  if (!product) return product.error();
  return Money(*product);
}

core::Status check_percent(std::string_view field, Decimal percent) {
  if (!percent.is_positive() || percent > Decimal::from_int(100) ||
      !fraction_of_percent(percent).ok()) {
    return invalid(fmt::format("{} {} must be in (0, 100] with at most {} decimals", field,
                               percent.to_string(), Decimal::kMaxScale - 2));
  }
  return {};
}

core::Status validate_rule(const FixedNotional& rule) {
  if (!rule.notional.is_positive()) {
    return invalid(fmt::format("fixed notional {} must be positive", rule.notional.to_string()));
  }
  return {};
}
core::Status validate_rule(const PercentOfEquity& rule) {
  if (!rule.percent.is_positive() || !fraction_of_percent(rule.percent).ok()) {
    return invalid(fmt::format("percent of equity {} must be positive with at most {} decimals",
                               rule.percent.to_string(), Decimal::kMaxScale - 2));
  }
  return {};
}
core::Status validate_rule(const RiskPerTrade& rule) {
  return check_percent("risk_percent", rule.risk_percent);
}
core::Status validate_rule(const AtrRisk& rule) {
  SIGTRADER_RETURN_IF_ERROR(check_percent("risk_percent", rule.risk_percent));
  if (!rule.atr_multiple.is_positive()) {
    return invalid(fmt::format("atr_multiple {} must be positive", rule.atr_multiple.to_string()));
  }
  return {};
}
core::Status validate_rule(const KellyRisk& rule) {
  if (!rule.kelly_multiplier.is_positive() || rule.kelly_multiplier > Decimal::from_int(1)) {
    return invalid(fmt::format("kelly_multiplier {} must be in (0, 1] (0.5 is half Kelly)",
                               rule.kelly_multiplier.to_string()));
  }
  SIGTRADER_RETURN_IF_ERROR(check_percent("max_risk_percent", rule.max_risk_percent));
  if (rule.min_signals < 0) {
    return invalid(fmt::format("Kelly min_signals {} must be >= 0", rule.min_signals));
  }
  return {};
}

// What a rule asks for before trust, caps and rounding: quantity = amount / per_unit.
struct Target {
  Money amount;                        // a notional, or the money to lose at the stop
  Price per_unit;                      // the entry price, or the stop distance
  std::optional<Price> stop_distance;  // set by the rules that size from a stop
};

struct Context {
  const EntryRequest& request;
  const core::Instrument& instrument;
  const SizingInput& input;
  std::vector<RiskReason>& notes;

  const std::string& quote() const { return instrument.symbol.quote; }
};

core::Result<Price> request_stop_distance(const Context& context, std::string_view rule_name) {
  const EntryRequest& request = context.request;
  if (!request.stop_loss) {
    return rejected(fmt::format("{} sizing needs a stop-loss; the {} entry has none", rule_name,
                                request.symbol.to_string()));
  }
  const Price distance = (request.entry - *request.stop_loss).abs();
  if (distance.is_zero()) {
    return rejected(fmt::format("the stop {} equals the entry", amount_text(*request.stop_loss)));
  }
  return distance;
}

// equity × percent %, noted as "risk 1 % of equity 10000 USDT = 100 USDT".
core::Result<Money> share_of_equity(const Context& context, Decimal percent) {
  SIGTRADER_TRY(const Decimal fraction, fraction_of_percent(percent));
  return scaled(context.input.equity, fraction);
}

core::Result<Target> target_for(const FixedNotional& rule, Context& context) {
  context.notes.push_back(
      {"sized", fmt::format("fixed notional {} {} at the entry {}", amount_text(rule.notional),
                            context.quote(), amount_text(context.request.entry))});
  return Target{rule.notional, context.request.entry, std::nullopt};
}

core::Result<Target> target_for(const PercentOfEquity& rule, Context& context) {
  SIGTRADER_TRY(const Money notional, share_of_equity(context, rule.percent));
  context.notes.push_back(
      {"sized",
       fmt::format("{} % of equity {} {} = {} {} at the entry {}", amount_text(rule.percent),
                   amount_text(context.input.equity), context.quote(), amount_text(notional),
                   context.quote(), amount_text(context.request.entry))});
  return Target{notional, context.request.entry, std::nullopt};
}

core::Result<Target> target_for(const RiskPerTrade& rule, Context& context) {
  SIGTRADER_TRY(const Price distance, request_stop_distance(context, "risk-per-trade"));
  SIGTRADER_TRY(const Money budget, share_of_equity(context, rule.risk_percent));
  context.notes.push_back(
      {"sized",
       fmt::format("risk {} % of equity {} {} = {} {} over the stop distance {}",
                   amount_text(rule.risk_percent), amount_text(context.input.equity),
                   context.quote(), amount_text(budget), context.quote(), amount_text(distance))});
  return Target{budget, distance, distance};
}

core::Result<Target> target_for(const AtrRisk& rule, Context& context) {
  const auto& atr = context.input.atr;
  if (!atr) {
    return rejected(fmt::format("ATR sizing needs the ATR of {}; none is known yet",
                                context.request.symbol.to_string()));
  }
  if (!atr->is_positive()) {
    return invalid(fmt::format("the ATR {} of {} must be positive", atr->to_string(),
                               context.request.symbol.to_string()));
  }
  auto product = core::checked_mul(atr->decimal(), rule.atr_multiple);
  if (!product) return product.error();
  const Price distance(*product);
  SIGTRADER_TRY(const Money budget, share_of_equity(context, rule.risk_percent));
  context.notes.push_back(
      {"sized",
       fmt::format("risk {} % of equity {} {} = {} {} over {} × ATR {} = {}",
                   amount_text(rule.risk_percent), amount_text(context.input.equity),
                   context.quote(), amount_text(budget), context.quote(),
                   amount_text(rule.atr_multiple), amount_text(*atr), amount_text(distance))});
  return Target{budget, distance, distance};
}

core::Result<Target> target_for(const KellyRisk& rule, Context& context) {
  const auto& record = context.input.channel_trust;
  if (!record || record->closed_signals < rule.min_signals) {
    return rejected(fmt::format(
        "Kelly sizing needs at least {} closed signals of the channel '{}'; it has {}",
        rule.min_signals, context.request.channel.str(), record ? record->closed_signals : 0));
  }
  SIGTRADER_RETURN_IF_ERROR(validate(*record));
  if (record->average_win_r <= 0) {
    return rejected(
        fmt::format("Kelly sizing needs a positive average win; the channel '{}' has {} R",
                    context.request.channel.str(), record->average_win_r));
  }
  SIGTRADER_TRY(const Price distance, request_stop_distance(context, "Kelly"));

  const double kelly = kelly_fraction(record->win_rate, record->average_win_r);
  SIGTRADER_TRY(const Decimal kelly_decimal, factor_from(kelly));
  if (!kelly_decimal.is_positive()) {
    return rejected(fmt::format(
        "the Kelly fraction {} (win rate {}, average win {} R) is not positive: the channel '{}' "
        "shows no edge",
        amount_text(kelly_decimal), record->win_rate, record->average_win_r,
        context.request.channel.str()));
  }
  SIGTRADER_TRY(const Decimal share, factor_from(kelly * rule.kelly_multiplier.to_double()));
  SIGTRADER_TRY(const Decimal cap, fraction_of_percent(rule.max_risk_percent));
  std::string share_text =
      fmt::format("Kelly {} × {} = {} of equity at risk", amount_text(kelly_decimal),
                  amount_text(rule.kelly_multiplier), amount_text(share));
  Decimal used = share;
  if (share > cap) {
    used = cap;
    share_text += fmt::format(", capped at {} %", amount_text(rule.max_risk_percent));
  }
  SIGTRADER_TRY(const Money budget, scaled(context.input.equity, used));
  context.notes.push_back(
      {"sized", fmt::format("{}: {} {} over the stop distance {}", share_text, amount_text(budget),
                            context.quote(), amount_text(distance))});
  return Target{budget, distance, distance};
}

// Scales the target's amount by the channel's trust (when configured) and notes why.
core::Status apply_trust(const TrustWeighting& weighting, Target& target, Context& context) {
  const auto& record = context.input.channel_trust;
  if (!record) {
    context.notes.push_back(
        {"trust_neutral", fmt::format("no record of the channel '{}': size not scaled by trust",
                                      context.request.channel.str())});
    return {};
  }
  SIGTRADER_RETURN_IF_ERROR(validate(*record));
  if (record->closed_signals < weighting.min_signals) {
    context.notes.push_back(
        {"trust_neutral",
         fmt::format("the channel '{}' has {} closed signals, fewer than {}: size not scaled by "
                     "trust",
                     context.request.channel.str(), record->closed_signals,
                     weighting.min_signals)});
    return {};
  }
  SIGTRADER_TRY(const Decimal multiplier, factor_from(trust_multiplier(weighting, *record)));
  SIGTRADER_TRY(const Decimal expectancy, factor_from(expectancy_r(*record)));
  SIGTRADER_TRY(target.amount, scaled(target.amount, multiplier));
  context.notes.push_back(
      {"trust_scaled",
       fmt::format("scaled by channel trust {} (win rate {}, average win {} R, expectancy {} R "
                   "over {} signals)",
                   amount_text(multiplier), record->win_rate, record->average_win_r,
                   amount_text(expectancy), record->closed_signals)});
  return {};
}

}  // namespace

core::Status validate(const SizerConfig& config) {
  SIGTRADER_RETURN_IF_ERROR(
      std::visit([](const auto& rule) { return validate_rule(rule); }, config.rule));
  if (config.trust) SIGTRADER_RETURN_IF_ERROR(validate(*config.trust));
  if (config.max_notional && !config.max_notional->is_positive()) {
    return invalid(
        fmt::format("max_notional {} must be positive", config.max_notional->to_string()));
  }
  return {};
}

core::Result<SizedEntry> size_entry(const SizerConfig& config, const EntryRequest& request,
                                    const core::Instrument& instrument, const SizingInput& input) {
  SIGTRADER_RETURN_IF_ERROR(validate(config));
  const std::string& base = instrument.symbol.base;
  const std::string& quote = instrument.symbol.quote;
  if (!instrument.step_size.is_positive()) {
    return invalid(fmt::format("the step size {} of {} must be positive",
                               instrument.step_size.to_string(), instrument.symbol.to_string()));
  }
  if (!request.entry.is_positive()) {
    return invalid(fmt::format("the entry {} of {} must be positive", request.entry.to_string(),
                               request.symbol.to_string()));
  }
  if (request.leverage < 1) {
    return invalid(fmt::format("leverage {}x must be at least 1x", request.leverage));
  }
  if (!input.equity.is_positive()) {
    return rejected(
        fmt::format("equity {} {} leaves nothing to size from", amount_text(input.equity), quote));
  }

  SizedEntry sized;
  Context context{request, instrument, input, sized.notes};
  SIGTRADER_TRY(
      Target target,
      std::visit([&](const auto& rule) { return target_for(rule, context); }, config.rule));
  if (config.trust) SIGTRADER_RETURN_IF_ERROR(apply_trust(*config.trust, target, context));

  // Rounded down here and again to the step: floor of a floor is the floor, as the step is a
  // multiple of 10^-scale.
  const int raw_scale =
      std::min(Decimal::kMaxScale, instrument.step_size.scale() + kExtraQuantityPlaces);
  auto divided = core::checked_div(target.amount.decimal(), target.per_unit.decimal(), raw_scale,
                                   Rounding::kDown);
  if (!divided) return divided.error();
  Quantity wanted(*divided);

  // The buying power always caps; a configured max_notional may cap lower.
  SIGTRADER_TRY(Money cap, scaled(input.equity, Decimal::from_int(request.leverage)));
  std::string cap_text =
      fmt::format("the leverage {}x × equity {} {} = {} {} notional", request.leverage,
                  amount_text(input.equity), quote, amount_text(cap), quote);
  if (config.max_notional && *config.max_notional < cap) {
    cap = *config.max_notional;
    cap_text = fmt::format("the maximum notional {} {}", amount_text(cap), quote);
  }
  SIGTRADER_TRY(const Quantity cap_quantity,
                core::quantity_for(cap, request.entry, raw_scale, Rounding::kDown));
  if (wanted > cap_quantity) {
    sized.notes.push_back({"capped", fmt::format("{} {} capped at {}: {} {}", amount_text(wanted),
                                                 base, cap_text, amount_text(cap_quantity), base)});
    wanted = cap_quantity;
  }

  SIGTRADER_TRY(sized.quantity, instrument.round_quantity(wanted, Rounding::kDown));
  if (sized.quantity != wanted) {
    sized.notes.push_back(
        {"rounded_to_step",
         fmt::format("{} {} rounded down to the step {}: {} {}", amount_text(wanted), base,
                     amount_text(instrument.step_size), amount_text(sized.quantity), base)});
  }

  if (!sized.quantity.is_positive()) {
    return rejected(fmt::format("size {} {} rounds down to 0 at the step {} {}",
                                amount_text(wanted), base, amount_text(instrument.step_size),
                                base));
  }
  if (sized.quantity < instrument.min_qty) {
    return rejected(fmt::format("size {} {} is below the minimum quantity {} {}",
                                amount_text(sized.quantity), base, amount_text(instrument.min_qty),
                                base));
  }
  auto notional = core::checked_mul(request.entry.decimal(), sized.quantity.decimal());
  if (!notional) return notional.error();
  sized.notional = Money(*notional);
  if (sized.notional < instrument.min_notional) {
    return rejected(fmt::format("size {} {} ({} {}) is below the minimum notional {} {}",
                                amount_text(sized.quantity), base, amount_text(sized.notional),
                                quote, amount_text(instrument.min_notional), quote));
  }

  std::optional<Price> stop_distance = target.stop_distance;
  if (!stop_distance && request.stop_loss)
    stop_distance = (request.entry - *request.stop_loss).abs();
  if (stop_distance) {
    auto risk = core::checked_mul(stop_distance->decimal(), sized.quantity.decimal());
    if (!risk) return risk.error();
    sized.risk_at_stop = Money(*risk);
  }
  return sized;
}

}  // namespace sigtrader::risk
