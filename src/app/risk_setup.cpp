#include "app/risk_setup.hpp"

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

risk::RiskEngineConfig risk_engine_config(const config::RiskConfig& risk) {
  risk::RiskEngineConfig engine;
  engine.policy = policy_of(risk.policy);
  engine.breaker.max_consecutive_losses = risk.max_consecutive_losses;
  engine.breaker.daily_loss_pct = risk.daily_loss_pct;
  engine.breaker.cooldown = risk.cooldown;
  return engine;
}

}  // namespace sigtrader::app
