#include "engine/guarded_strategy.hpp"

#include "strategy/registry.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::engine {

core::Result<GuardedStrategy> make_guarded_strategy(
    const BacktestConfig& config, const std::optional<risk::RiskEngineConfig>& risk,
    const RiskGateOptions& gate_options, bus::MessageBus* bus) {
  GuardedStrategy guarded;
  if (config.strategy_name != "signal_follower" || !risk) {
    SIGTRADER_TRY(guarded.strategy,
                  strategy::make_strategy(config.strategy_name, config.parameters, config.exits));
    return guarded;
  }
  SIGTRADER_RETURN_IF_ERROR(risk::validate(*risk));
  SIGTRADER_TRY(strategy::SignalFollowerConfig follower,
                strategy::SignalFollowerConfig::from(config.parameters));
  guarded.risk = std::make_unique<risk::RiskEngine>(*risk, bus);
  guarded.gate = std::make_unique<RiskGate>(*guarded.risk, gate_options);
  guarded.strategy = std::make_unique<strategy::SignalFollower>(
      std::move(follower), guarded.gate->sizer(), guarded.gate->observer());
  return guarded;
}

}  // namespace sigtrader::engine
