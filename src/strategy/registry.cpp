#include "strategy/registry.hpp"

#include <fmt/format.h>

#include "strategy/bollinger_reversion.hpp"
#include "strategy/ema_cross.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::strategy {

const std::vector<std::string>& strategy_names() {
  static const std::vector<std::string> names{"bollinger_reversion", "ema_cross",
                                              "signal_follower"};
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
  if (name == "signal_follower") {
    // Exits come from the signals themselves (stop and targets), not from [exits].
    SIGTRADER_TRY(SignalFollowerConfig config, SignalFollowerConfig::from(std::move(parameters)));
    return std::unique_ptr<Strategy>(std::make_unique<SignalFollower>(std::move(config)));
  }
  return core::Error(core::ErrorCode::kConfig,
                     fmt::format("strategy.name = \"{}\": unknown strategy; expected one of {}",
                                 name, fmt::join(strategy_names(), ", ")));
}

}  // namespace sigtrader::strategy
