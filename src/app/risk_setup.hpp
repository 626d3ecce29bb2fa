#pragma once

#include "config/config.hpp"
#include "core/result.hpp"
#include "risk/risk_engine.hpp"

namespace sigtrader::app {

// The risk engine as the config's [risk] section sets it up: the starting policy, the circuit
// breaker, the validators' limits and approvals; the sizer is the policy's risk per trade.
// Limits that only make sense together (an approval floor above min_confidence) are checked by
// risk::validate, whose error names the field.
core::Result<risk::RiskEngineConfig> risk_engine_config(const config::RiskConfig& risk);

}  // namespace sigtrader::app
