#include "engine/guarded_strategy.hpp"

#include <fmt/format.h>

#include "strategy/registry.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::engine {

core::Result<GuardedStrategy> make_guarded_strategy(
    const BacktestConfig& config, const std::optional<risk::RiskEngineConfig>& risk,
    const RiskGateOptions& gate_options, bus::MessageBus* bus) {
  GuardedStrategy guarded;
  const bool follower = config.strategy_name == "signal_follower";
  if (!follower && !config.channel_parameters.empty()) {
    return core::Error(core::ErrorCode::kConfig,
                       fmt::format("{}: [strategy.channels] is for the signal_follower strategy, "
                                   "not {}",
                                   config.source, config.strategy_name));
  }
  if (!follower) {
    SIGTRADER_TRY(guarded.strategy,
                  strategy::make_strategy(config.strategy_name, config.parameters, config.exits));
    return guarded;
  }
  SIGTRADER_TRY(strategy::SignalFollowerConfig base,
                strategy::SignalFollowerConfig::from(config.parameters));
  SIGTRADER_TRY(auto channels,
                strategy::channel_follower_configs(config.parameters, config.channel_parameters));
  std::unique_ptr<strategy::SignalFollower> strategy;
  if (risk) {
    SIGTRADER_RETURN_IF_ERROR(risk::validate(*risk));
    guarded.risk = std::make_unique<risk::RiskEngine>(*risk, bus);
    guarded.gate = std::make_unique<RiskGate>(*guarded.risk, gate_options);
    strategy = std::make_unique<strategy::SignalFollower>(std::move(base), guarded.gate->sizer(),
                                                          guarded.gate->observer());
    strategy->set_approval_hooks(guarded.gate->approval_hooks());
    strategy->set_warmup(gate_options.history_needed());
  } else {
    strategy = std::make_unique<strategy::SignalFollower>(std::move(base));
  }
  for (auto& [channel, channel_config] : channels)
    strategy->set_channel_config(channel, std::move(channel_config));
  guarded.follower = strategy.get();
  guarded.strategy = std::move(strategy);
  return guarded;
}

std::string risk_setup_text(const risk::RiskEngineConfig& risk, const RiskGateOptions& gate) {
  const risk::ValidatorConfig& v = risk.validator;
  std::string text = fmt::format(
      "policy={} breaker={}/{}/{} without_stop={} approval={}/{}/{} confidence={} positions={} "
      "leverage={} exposure={}/{}/{} correlation={}/{} drawdown={}/{} cooldown={} duplicate={} "
      "age={} inconsistent={} atr={}",
      risk::policy_name(risk.policy), risk.breaker.max_consecutive_losses,
      risk.breaker.daily_loss_pct, risk.breaker.cooldown.to_string(),
      risk.allow_entries_without_stop, risk.approval_floor.value_or(-1),
      risk.approval_expiry.to_string(), risk.max_pending_approvals, v.min_confidence,
      v.max_open_positions, v.max_leverage, v.max_symbol_exposure_pct, v.max_total_exposure_pct,
      v.max_group_exposure_pct, v.correlation_threshold, v.correlation_min_points,
      v.max_drawdown_pct, v.drawdown_scale_floor, v.symbol_cooldown.to_string(),
      v.duplicate_window.to_string(), v.max_signal_age.to_string(), v.reject_inconsistent,
      gate.atr_period);
  for (const core::Symbol& symbol : v.allowed_symbols)
    text += " allow=" + symbol.to_string();
  for (const core::Symbol& symbol : v.denied_symbols)
    text += " deny=" + symbol.to_string();
  for (const auto& [from, to] : v.symbol_map)
    text += " map=" + from.to_string() + ">" + to.to_string();
  for (const auto& [from, mapping] : v.symbol_mappings) {
    text += fmt::format(" mapping={}>{}x{}", from.to_string(), mapping.venue_symbol.to_string(),
                        mapping.price_multiplier.to_string());
  }
  // The sizer's rule is the policy's unless set; a set sizer has no text form yet, so its
  // presence alone is recorded (a change of rule under the same presence is not detected).
  text += risk.sizer ? " sizer=custom" : " sizer=policy";
  text += risk.trust ? fmt::format(" trust_weighting={}/{}/{}/{}", risk.trust->min_signals,
                                   risk.trust->sensitivity, risk.trust->floor, risk.trust->cap)
                     : " trust_weighting=off";
  for (const auto& [channel, trust] : gate.channel_trust) {
    text += fmt::format(" trust={}:{}/{}/{}", channel, trust.win_rate, trust.average_win_r,
                        trust.closed_signals);
  }
  return text;
}

}  // namespace sigtrader::engine
