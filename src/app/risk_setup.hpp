#pragma once

#include "config/config.hpp"
#include "risk/risk_engine.hpp"

namespace sigtrader::app {

// The risk engine as the config's [risk] section sets it up: the starting policy and the circuit
// breaker; every other limit keeps risk::RiskEngineConfig's default.
risk::RiskEngineConfig risk_engine_config(const config::RiskConfig& risk);

}  // namespace sigtrader::app
