#include "app/risk_setup.hpp"

#include "config/symbol_rules.hpp"

namespace sigtrader::app {
namespace {

risk::RiskPolicy policy_of(config::RiskPolicy policy) {
  switch (policy) {
    case config::RiskPolicy::kConservative:
      return risk::RiskPolicy::kConservative;
    case config::RiskPolicy::kModerate:
      return risk::RiskPolicy::kModerate;
    case config::RiskPolicy::kAggressive:
      return risk::RiskPolicy::kAggressive;
  }
  return risk::RiskPolicy::kModerate;
}

}  // namespace

core::Result<risk::RiskEngineConfig> risk_engine_config(const config::RiskConfig& risk) {
  risk::RiskEngineConfig engine;
  engine.policy = policy_of(risk.policy);
  engine.breaker.max_consecutive_losses = risk.max_consecutive_losses;
  engine.breaker.daily_loss_pct = risk.daily_loss_pct;
  engine.breaker.cooldown = risk.cooldown;
  risk::ValidatorConfig& validator = engine.validator;
  validator.min_confidence = risk.min_confidence;
  validator.max_open_positions = risk.max_open_positions;
  validator.max_leverage = risk.max_leverage;
  validator.max_symbol_exposure_pct = risk.max_symbol_exposure_pct;
  validator.max_total_exposure_pct = risk.max_total_exposure_pct;
  validator.max_group_exposure_pct = risk.max_group_exposure_pct;
  validator.correlation_threshold = risk.correlation_threshold;
  validator.max_drawdown_pct = risk.max_drawdown_pct;
  validator.drawdown_scale_floor = risk.drawdown_scale_floor;
  validator.symbol_cooldown = risk.symbol_cooldown;
  validator.duplicate_window = risk.duplicate_window;
  validator.max_signal_age = risk.max_signal_age;
  engine.allow_entries_without_stop = risk.allow_entries_without_stop;
  engine.approval_floor = risk.approval_floor;
  engine.approval_expiry = risk.approval_expiry;
  if (risk.trust_weighting) engine.trust = risk::TrustWeighting{};
  // The key table checked every entry; a failure here would be a bug, reported as a config error.
  for (const std::string& text : risk.allowed_symbols) {
    SIGTRADER_TRY(const core::Symbol symbol, core::Symbol::try_parse(text));
    validator.allowed_symbols.insert(symbol);
  }
  for (const std::string& text : risk.denied_symbols) {
    SIGTRADER_TRY(const core::Symbol symbol, core::Symbol::try_parse(text));
    validator.denied_symbols.insert(symbol);
  }
  for (const std::string& text : risk.symbol_map) {
    SIGTRADER_TRY(const config::SymbolMapText map, config::parse_symbol_map(text));
    validator.symbol_mappings[map.from] = risk::SymbolMapping{map.to, map.multiplier};
  }
  if (const core::Status valid = risk::validate(engine); !valid.ok()) {
    return valid.error().with_context("[risk]");
  }
  return engine;
}

}  // namespace sigtrader::app
