#include "strategy/bollinger_reversion.hpp"

#include <cmath>

namespace sigtrader::strategy {

core::Result<BollingerReversionParams> BollingerReversionParams::from(Parameters parameters) {
  BollingerReversionParams params;
  params.period = static_cast<std::size_t>(parameters.integer("period", 20, 2, 100'000));
  params.deviations = parameters.number("deviations", 2.0, 0.1, 10.0);
  params.allow_short = parameters.boolean("allow_short", false);
  SIGTRADER_RETURN_IF_ERROR(parameters.finish());
  return params;
}

BollingerReversion::BollingerReversion(BollingerReversionParams params, ExitPlan exits)
    : params_(params), exits_(std::move(exits)) {}

void BollingerReversion::on_start(StrategyContext& context) {
  bands_.clear();
  for (std::size_t i = 0; i < context.markets().size(); ++i) {
    bands_.emplace_back(params_.period, params_.deviations);
  }
}

void BollingerReversion::on_candle(StrategyContext& context, std::size_t market,
                                   const market::Candle& candle) {
  const double close = candle.close.to_double();
  const market::indicators::BollingerValue band = bands_[market].update(close);
  if (std::isnan(band.middle) || context.has_pending_order(market)) return;

  const execution::Position* position = context.position(market);
  if (position != nullptr && position->is_long()) {
    if (close >= band.middle) (void)context.exit(market, "signal");
    return;
  }
  if (position != nullptr && position->is_short()) {
    if (close <= band.middle) (void)context.exit(market, "signal");
    return;
  }
  if (close < band.lower) {
    (void)context.enter(market, core::PositionSide::kLong, exits_, std::nullopt);
  } else if (params_.allow_short && close > band.upper) {
    (void)context.enter(market, core::PositionSide::kShort, exits_, std::nullopt);
  }
}

}  // namespace sigtrader::strategy
