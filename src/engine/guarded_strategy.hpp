#pragma once

#include <memory>
#include <optional>
#include <string>

#include "bus/message_bus.hpp"
#include "core/result.hpp"
#include "engine/backtest_config.hpp"
#include "engine/risk_gate.hpp"
#include "risk/risk_engine.hpp"
#include "strategy/signal_follower.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine {

// A strategy together with the risk engine that guards its entries (paper and live runs). The
// members are built in order and must be destroyed in reverse: the strategy holds the gate's
// functions, the gate the engine.
struct GuardedStrategy {
  std::unique_ptr<risk::RiskEngine> risk;  // null: the strategy sizes its entries itself
  std::unique_ptr<RiskGate> gate;
  std::unique_ptr<strategy::Strategy> strategy;
  // `strategy` when it is the signal follower (approvals, closes on request); else null.
  strategy::SignalFollower* follower = nullptr;

  GuardedStrategy() = default;
  GuardedStrategy(GuardedStrategy&&) = default;
  GuardedStrategy& operator=(GuardedStrategy&&) = default;
  ~GuardedStrategy() {
    strategy.reset();
    gate.reset();
  }
};

// The config's strategy. The signal follower, given a risk config, trades through a RiskGate on
// a risk::RiskEngine publishing on `bus` (may be null); every other strategy (which sizes its
// own entries from the exit plan) is built as the registry builds it.
core::Result<GuardedStrategy> make_guarded_strategy(
    const BacktestConfig& config, const std::optional<risk::RiskEngineConfig>& risk,
    const RiskGateOptions& gate_options, bus::MessageBus* bus);

// Every setting of a risk setup as one line of text, for a paper session's fingerprint: the same
// text, the same decisions.
std::string risk_setup_text(const risk::RiskEngineConfig& risk, const RiskGateOptions& gate);

}  // namespace sigtrader::engine
