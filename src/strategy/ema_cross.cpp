#include "strategy/ema_cross.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace sigtrader::strategy {

core::Result<EmaCrossParams> EmaCrossParams::from(Parameters parameters) {
  EmaCrossParams params;
  params.fast = static_cast<std::size_t>(parameters.integer("fast", 12, 1, 100'000));
  params.slow = static_cast<std::size_t>(parameters.integer("slow", 26, 2, 100'000));
  params.rsi_period = static_cast<std::size_t>(parameters.integer("rsi_period", 0, 0, 100'000));
  params.rsi_long_max = parameters.number("rsi_long_max", 70, 0, 100);
  params.rsi_short_min = parameters.number("rsi_short_min", 30, 0, 100);
  params.allow_short = parameters.boolean("allow_short", false);
  SIGTRADER_RETURN_IF_ERROR(parameters.finish());
  if (params.fast >= params.slow) {
    return core::Error(core::ErrorCode::kConfig,
                       fmt::format("strategy.params.fast = {} must be below strategy.params.slow "
                                   "= {}: the fast EMA is the shorter one",
                                   params.fast, params.slow));
  }
  return params;
}

EmaCross::EmaCross(EmaCrossParams params, ExitPlan exits)
    : params_(params), exits_(std::move(exits)) {}

std::size_t EmaCross::warmup() const {
  return std::max(params_.slow, params_.rsi_period + 1) + 1;
}

void EmaCross::on_start(StrategyContext& context) {
  markets_.clear();
  for (std::size_t i = 0; i < context.markets().size(); ++i) {
    MarketState state{market::indicators::Ema(params_.fast), market::indicators::Ema(params_.slow),
                      std::nullopt};
    if (params_.rsi_period > 0) state.rsi.emplace(params_.rsi_period);
    markets_.push_back(std::move(state));
  }
}

void EmaCross::on_candle(StrategyContext& context, std::size_t market,
                         const market::Candle& candle) {
  MarketState& state = markets_[market];
  const double close = candle.close.to_double();
  const double fast = state.fast.update(close);
  const double slow = state.slow.update(close);
  if (state.rsi) state.rsi_value = state.rsi->update(close);
  const double spread = fast - slow;  // NaN until both EMAs are seeded
  const double previous = state.previous_spread;
  state.previous_spread = spread;
  if (std::isnan(previous) || std::isnan(spread)) return;

  const bool crossed_above = previous <= 0.0 && spread > 0.0;
  const bool crossed_below = previous >= 0.0 && spread < 0.0;
  if (!crossed_above && !crossed_below) return;
  if (context.has_pending_order(market)) return;

  const execution::Position* position = context.position(market);
  const bool is_long = position != nullptr && position->is_long();
  const bool is_short = position != nullptr && position->is_short();
  const bool rsi_known = state.rsi && !std::isnan(state.rsi_value);

  if (crossed_above) {
    if (is_long) return;
    if (is_short && !params_.allow_short) return;  // a short we did not open: leave it alone
    if (state.rsi && (!rsi_known || state.rsi_value > params_.rsi_long_max)) {
      if (is_short) (void)context.exit(market, "signal");
      return;
    }
    (void)context.enter(market, core::PositionSide::kLong, exits_, std::nullopt);
    return;
  }
  // Crossed below.
  if (is_short) return;
  const bool short_allowed =
      params_.allow_short &&
      (!state.rsi || (rsi_known && state.rsi_value >= params_.rsi_short_min));
  if (short_allowed) {
    (void)context.enter(market, core::PositionSide::kShort, exits_, std::nullopt);
  } else if (is_long) {
    (void)context.exit(market, "signal");
  }
}

}  // namespace sigtrader::strategy
