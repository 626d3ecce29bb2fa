#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "strategy/exit_plan.hpp"
#include "strategy/parameters.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::strategy {

// The built-in strategies by config name, in a stable order (for --help and errors).
const std::vector<std::string>& strategy_names();

// Builds the strategy `name` from its parameters and exits; kConfig names an unknown strategy
// (with the known ones) or every bad parameter.
core::Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name, Parameters parameters,
                                                      ExitPlan exits);

}  // namespace sigtrader::strategy
