#include "strategy/registry.hpp"

#include <fmt/format.h>

#include "strategy/bollinger_reversion.hpp"
#include "strategy/ema_cross.hpp"

namespace sigtrader::strategy {

const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> names{"bollinger_reversion", "ema_cross"};
  return names;
}

core::Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name, Parameters parameters,
                                                      ExitPlan exits) {
  SIGTRADER_RETURN_IF_ERROR(exits.validate());
  if (name == "ema_cross") {
    SIGTRADER_TRY(EmaCrossParams params, EmaCrossParams::from(std::move(parameters)));
    return std::unique_ptr<Strategy>(std::make_unique<EmaCross>(params, std::move(exits)));
  }
  if (name == "bollinger_reversion") {
    SIGTRADER_TRY(BollingerReversionParams params,
                  BollingerReversionParams::from(std::move(parameters)));
    return std::unique_ptr<Strategy>(
        std::make_unique<BollingerReversion>(params, std::move(exits)));
  }
  return core::Error(core::ErrorCode::kConfig,
                     fmt::format("strategy.name = \"{}\": unknown strategy; expected one of {}",
                                 name, fmt::join(strategy_names(), ", ")));
}

}  // namespace sigtrader::strategy
