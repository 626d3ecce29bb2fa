#include "risk/validator.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/assert.hpp"
#include "core/decimal.hpp"

namespace sigtrader::risk {
namespace {

core::Status config_error(std::string message) {
  return core::Error(core::ErrorCode::kConfig, "risk validator: " + std::move(message));
}

// A percentage as an exact decimal, so that limits compare exactly with Money ("20" is 20, not
// 19.999999999999996). Six decimals is finer than any limit a person writes.
core::Decimal percent_decimal(double pct) {
  auto converted = core::Decimal::from_double(pct, 6);
  SIGTRADER_ASSERT(converted.ok(), "percent limit out of range (ValidatorConfig::validate)");
  return *converted;
}

// amount > pct % of base, exactly: amount × 100 > base × pct.
bool above_percent_of(core::Money amount, core::Money base, double pct) {
  return amount * core::Decimal::from_int(100) > base * percent_decimal(pct);
}

// The limit in money, for the reason's text only (the decision is exact).
double limit_of(core::Money base, double pct) {
  return base.to_double() * pct / 100.0;
}

void check_symbol(const ValidatorConfig& config, const core::Symbol& symbol,
                  std::vector<RiskReason>& reasons) {
  if (config.denied_symbols.contains(symbol)) {
    reasons.push_back({"symbol_denied", fmt::format("{} is on the deny list", symbol.to_string())});
  }
  if (!config.allowed_symbols.empty() && !config.allowed_symbols.contains(symbol)) {
    reasons.push_back(
        {"symbol_not_allowed", fmt::format("{} is not on the allow list", symbol.to_string())});
  }
}

// A stop or a target on the wrong side of the entry cannot be traded as given, whatever the
// parser said; the parser's own flags are refused when the config asks for it.
void check_consistency(const ValidatorConfig& config, const EntryRequest& request,
                       std::vector<RiskReason>& reasons) {
  const bool is_long = request.side == core::PositionSide::kLong;
  const std::string_view side = core::to_string(request.side);
  const std::string entry = request.entry.to_string();
  if (request.stop_loss) {
    const bool wrong =
        is_long ? *request.stop_loss >= request.entry : *request.stop_loss <= request.entry;
    if (wrong) {
      reasons.push_back(
          {"inconsistent_signal",
           fmt::format("stop {} is at or {} the entry {} of a {}", request.stop_loss->to_string(),
                       is_long ? "above" : "below", entry, side)});
    }
  }
  for (std::size_t i = 0; i < request.targets.size(); ++i) {
    const core::Price target = request.targets[i];
    const bool wrong = is_long ? target <= request.entry : target >= request.entry;
    if (wrong) {
      reasons.push_back(
          {"inconsistent_signal",
           fmt::format("target {} ({}) is at or {} the entry {} of a {}", i + 1, target.to_string(),
                       is_long ? "below" : "above", entry, side)});
    }
  }
  if (config.reject_inconsistent && !request.warnings.empty()) {
    reasons.push_back({"inconsistent_signal", fmt::format("the parser flagged the signal: {}",
                                                          fmt::join(request.warnings, "; "))});
  }
}

// The move the signal is about has already happened (first target reached) or failed (stop
// reached) by the time the request is decided.
void check_stale_price(const EntryRequest& request, core::Price last_price,
                       std::vector<RiskReason>& reasons) {
  if (!last_price.is_positive()) {
    reasons.push_back({"stale_price", fmt::format("no market price to check the signal against "
                                                  "(last price {})",
                                                  last_price.to_string())});
    return;
  }
  const bool is_long = request.side == core::PositionSide::kLong;
  const std::string_view side = core::to_string(request.side);
  if (!request.targets.empty()) {
    const core::Price first = request.targets.front();
    if (is_long ? last_price >= first : last_price <= first) {
      reasons.push_back(
          {"stale_price", fmt::format("price {} is already at or {} the first target {} of a {}",
                                      last_price.to_string(), is_long ? "above" : "below",
                                      first.to_string(), side)});
    }
  }
  if (request.stop_loss) {
    const core::Price stop = *request.stop_loss;
    if (is_long ? last_price <= stop : last_price >= stop) {
      reasons.push_back(
          {"stale_price",
           fmt::format("price {} is already at or {} the stop {} of a {}", last_price.to_string(),
                       is_long ? "below" : "above", stop.to_string(), side)});
    }
  }
}

// The notional already open on `symbol` and over all symbols.
struct OpenExposure {
  core::Money on_symbol;
  core::Money total;
};

OpenExposure open_exposure(const core::Symbol& symbol, const AccountView& account) {
  OpenExposure open;
  for (const OpenPosition& position : account.positions) {
    open.total += position.notional.abs();
    if (position.symbol == symbol) open.on_symbol += position.notional.abs();
  }
  return open;
}

void check_exposure(const ValidatorConfig& config, const core::Symbol& symbol,
                    const AccountView& account, core::Money entry_notional,
                    std::vector<RiskReason>& reasons) {
  const core::Money entry = entry_notional.abs();
  const OpenExposure open = open_exposure(symbol, account);
  const core::Money on_symbol = open.on_symbol + entry;
  const core::Money total = open.total + entry;
  if (above_percent_of(on_symbol, account.equity, config.max_symbol_exposure_pct)) {
    reasons.push_back(
        {"max_symbol_exposure",
         fmt::format("exposure to {} would be {} with this entry, above the maximum {:.2f} "
                     "({:.2f}% of equity {})",
                     symbol.to_string(), on_symbol.to_string(),
                     limit_of(account.equity, config.max_symbol_exposure_pct),
                     config.max_symbol_exposure_pct, account.equity.to_string())});
  }
  if (above_percent_of(total, account.equity, config.max_total_exposure_pct)) {
    reasons.push_back(
        {"max_total_exposure",
         fmt::format("total exposure would be {} with this entry, above the maximum {:.2f} "
                     "({:.2f}% of equity {})",
                     total.to_string(), limit_of(account.equity, config.max_total_exposure_pct),
                     config.max_total_exposure_pct, account.equity.to_string())});
  }
}

// Open positions on the entry's correlated group, plus the entry. A group of one is left to the
// symbol limit: counting it here would make this a second, stricter symbol limit.
void check_group_exposure(const ValidatorConfig& config, const core::Symbol& symbol,
                          const AccountView& account, core::Money entry_notional,
                          const ExposureGroups& groups, std::vector<RiskReason>& reasons) {
  core::Money in_group = entry_notional.abs();
  bool any_partner = false;
  for (const OpenPosition& position : account.positions) {
    if (!groups.same_group(position.symbol, symbol)) continue;
    in_group += position.notional.abs();
    any_partner = any_partner || position.symbol != symbol;
  }
  if (!any_partner || !above_percent_of(in_group, account.equity, config.max_group_exposure_pct)) {
    return;
  }
  std::vector<std::string> members;
  for (const core::Symbol& member : groups.group_of(symbol))
    members.push_back(member.to_string());
  std::vector<std::string> open;
  for (const OpenPosition& position : account.positions) {
    if (groups.same_group(position.symbol, symbol)) {
      open.push_back(position.symbol.to_string() + " " + position.notional.abs().to_string());
    }
  }
  reasons.push_back(
      {"max_group_exposure",
       fmt::format("exposure to the correlated group {} would be {} with this entry of {} on {} "
                   "(open: {}), above the maximum {:.2f} ({:.2f}% of equity {})",
                   fmt::join(members, ", "), in_group.to_string(), entry_notional.abs().to_string(),
                   symbol.to_string(), fmt::join(open, ", "),
                   limit_of(account.equity, config.max_group_exposure_pct),
                   config.max_group_exposure_pct, account.equity.to_string())});
}

void check_drawdown(const ValidatorConfig& config, const AccountView& account,
                    std::vector<RiskReason>& reasons) {
  if (!account.peak_equity.is_positive()) return;
  const core::Money loss = account.peak_equity - account.equity;
  if (above_percent_of(loss, account.peak_equity, config.max_drawdown_pct)) {
    reasons.push_back(
        {"max_drawdown",
         fmt::format("drawdown {:.2f}% (equity {} against the peak {}) is beyond the maximum "
                     "{:.2f}%; entries are halted",
                     drawdown_pct(account), account.equity.to_string(),
                     account.peak_equity.to_string(), config.max_drawdown_pct)});
  }
}

}  // namespace

core::Status ValidatorConfig::validate() const {
  if (!(min_confidence >= 0.0 && min_confidence <= 1.0)) {
    return config_error(fmt::format("min_confidence {} is not in 0..1", min_confidence));
  }
  if (max_open_positions < 0) {
    return config_error(fmt::format("max_open_positions {} is negative", max_open_positions));
  }
  const std::pair<const char*, double> percents[] = {
      {"max_symbol_exposure_pct", max_symbol_exposure_pct},
      {"max_total_exposure_pct", max_total_exposure_pct},
      {"max_group_exposure_pct", max_group_exposure_pct},
      {"max_drawdown_pct", max_drawdown_pct},
  };
  for (const auto& [name, value] : percents) {
    if (!(value > 0.0 && value <= 1e6)) {
      return config_error(fmt::format("{} {} is not a positive percentage", name, value));
    }
  }
  if (max_drawdown_pct > 100.0) {
    return config_error(fmt::format("max_drawdown_pct {} is above 100", max_drawdown_pct));
  }
  if (max_leverage < 1) {
    return config_error(fmt::format("max_leverage {} is below 1", max_leverage));
  }
  if (!(drawdown_scale_floor >= 0.0 && drawdown_scale_floor <= 1.0)) {
    return config_error(
        fmt::format("drawdown_scale_floor {} is not in 0..1", drawdown_scale_floor));
  }
  if (!(correlation_threshold > 0.0)) {
    return config_error(fmt::format(
        "correlation_threshold {} is not above 0 (0..1 groups symbols whose returns correlate at "
        "least that much; above 1 turns grouping off)",
        correlation_threshold));
  }
  if (correlation_min_points < 3) {
    return config_error(
        fmt::format("correlation_min_points {} is below 3 (two points always correlate perfectly)",
                    correlation_min_points));
  }
  for (const auto& [symbol, mapping] : symbol_mappings) {
    if (!mapping.price_multiplier.is_positive()) {
      return config_error(
          fmt::format("symbol_mappings: the price multiplier {} of {} is not "
                      "positive",
                      mapping.price_multiplier.to_string(), symbol.to_string()));
    }
    if (symbol_map.contains(symbol)) {
      return config_error(fmt::format("{} is in both symbol_map and symbol_mappings; keep one",
                                      symbol.to_string()));
    }
  }
  const std::pair<const char*, core::Duration> durations[] = {
      {"symbol_cooldown", symbol_cooldown},
      {"max_signal_age", max_signal_age},
      {"duplicate_window", duplicate_window},
  };
  for (const auto& [name, value] : durations) {
    if (value < core::Duration()) {
      return config_error(fmt::format("{} {} is negative", name, value.to_string()));
    }
  }
  return {};
}

EntryValidator::EntryValidator(ValidatorConfig config) : config_(std::move(config)) {
  const core::Status valid = config_.validate();
  SIGTRADER_ASSERT(valid.ok(), "EntryValidator needs a valid ValidatorConfig");
}

core::Symbol EntryValidator::mapped_symbol(const core::Symbol& symbol) const {
  return mapping_for(symbol).venue_symbol;
}

SymbolMapping EntryValidator::mapping_for(const core::Symbol& symbol) const {
  if (const auto found = config_.symbol_mappings.find(symbol);
      found != config_.symbol_mappings.end()) {
    return found->second;
  }
  const auto renamed = config_.symbol_map.find(symbol);
  return {renamed == config_.symbol_map.end() ? symbol : renamed->second};
}

ValidationResult EntryValidator::validate(const EntryRequest& request, const AccountView& account,
                                          core::Price last_price, core::Money entry_notional,
                                          const ExposureGroups* groups) const {
  ValidationResult result;
  result.symbol = mapped_symbol(request.symbol);
  const core::Symbol& symbol = result.symbol;
  std::vector<RiskReason>& reasons = result.reasons;
  const bool is_signal = !request.channel.empty();

  check_symbol(config_, symbol, reasons);
  check_consistency(config_, request, reasons);

  if (is_signal && request.ts - request.signal_ts > config_.max_signal_age) {
    reasons.push_back(
        {"stale_signal",
         fmt::format("signal posted at {} is {} old, older than the maximum {}",
                     request.signal_ts.to_iso8601(), (request.ts - request.signal_ts).to_string(),
                     config_.max_signal_age.to_string())});
  }
  check_stale_price(request, last_price, reasons);

  // Written so that a NaN confidence is refused too.
  if (!(request.confidence >= config_.min_confidence)) {
    reasons.push_back(
        {"min_confidence", fmt::format("confidence {:.2f} is below the minimum {:.2f}",
                                       request.confidence, config_.min_confidence)});
  }

  if (is_signal) {
    const auto last = last_signal_.find(SignalKey{request.channel, symbol, request.side});
    if (last != last_signal_.end() && request.signal_ts - last->second < config_.duplicate_window) {
      reasons.push_back(
          {"duplicate_signal",
           fmt::format("{} already signalled a {} on {} at {} ({} before this one); repeats "
                       "within {} are suppressed",
                       request.channel.str(), core::to_string(request.side), symbol.to_string(),
                       last->second.to_iso8601(), (request.signal_ts - last->second).to_string(),
                       config_.duplicate_window.to_string())});
    }
  }

  const auto last_entry = last_entry_.find(symbol);
  if (last_entry != last_entry_.end() &&
      request.ts - last_entry->second < config_.symbol_cooldown) {
    reasons.push_back(
        {"symbol_cooldown",
         fmt::format("the last entry on {} was at {} ({} ago); the cooldown of {} lasts until {}",
                     symbol.to_string(), last_entry->second.to_iso8601(),
                     (request.ts - last_entry->second).to_string(),
                     config_.symbol_cooldown.to_string(),
                     (last_entry->second + config_.symbol_cooldown).to_iso8601())});
  }

  if (request.leverage > config_.max_leverage) {
    reasons.push_back({"max_leverage", fmt::format("leverage {}x is above the maximum {}x",
                                                   request.leverage, config_.max_leverage)});
  }

  const std::size_t open = account.positions.size();
  if (open + 1 > static_cast<std::size_t>(config_.max_open_positions)) {
    reasons.push_back({"max_open_positions",
                       fmt::format("{} positions are open; this entry would make {}, above the "
                                   "maximum {}",
                                   open, open + 1, config_.max_open_positions)});
  }

  check_exposure(config_, symbol, account, entry_notional, reasons);
  if (groups != nullptr) {
    check_group_exposure(config_, symbol, account, entry_notional, *groups, reasons);
  }
  check_drawdown(config_, account, reasons);

  result.accepted = reasons.empty();
  return result;
}

void EntryValidator::record_entry(const EntryRequest& request) {
  const core::Symbol symbol = mapped_symbol(request.symbol);
  // Entries older than their window can no longer refuse anything; dropping them keeps the
  // memory bounded by what happened within the last cooldown and duplicate window.
  std::erase_if(last_entry_, [&](const auto& entry) {
    return request.ts - entry.second >= config_.symbol_cooldown;
  });
  last_entry_[symbol] = std::max(last_entry_[symbol], request.ts);
  if (request.channel.empty()) return;
  std::erase_if(last_signal_, [&](const auto& entry) {
    return request.signal_ts - entry.second >= config_.duplicate_window;
  });
  core::Timestamp& last = last_signal_[SignalKey{request.channel, symbol, request.side}];
  last = std::max(last, request.signal_ts);
}

core::Money exposure_headroom(const ValidatorConfig& config, const core::Symbol& symbol,
                              const AccountView& account) {
  const OpenExposure open = open_exposure(symbol, account);
  const core::Decimal hundred = core::Decimal::from_int(100);
  const auto limit = [&](double pct) {
    auto value = core::checked_div((account.equity * percent_decimal(pct)).decimal(), hundred, 8,
                                   core::Rounding::kDown);
    return value ? core::Money(*value) : core::Money();
  };
  const core::Money symbol_room = limit(config.max_symbol_exposure_pct) - open.on_symbol;
  const core::Money total_room = limit(config.max_total_exposure_pct) - open.total;
  const core::Money room = symbol_room < total_room ? symbol_room : total_room;
  return room.is_negative() ? core::Money() : room;
}

double drawdown_pct(const AccountView& account) {
  if (!account.peak_equity.is_positive() || account.equity >= account.peak_equity) return 0.0;
  const double peak = account.peak_equity.to_double();
  const double equity = std::max(account.equity.to_double(), 0.0);
  return 100.0 * (peak - equity) / peak;
}

double drawdown_risk_scale(const AccountView& account, const ValidatorConfig& config) {
  const double drawdown = std::min(drawdown_pct(account), config.max_drawdown_pct);
  return 1.0 - (1.0 - config.drawdown_scale_floor) * drawdown / config.max_drawdown_pct;
}

}  // namespace sigtrader::risk
