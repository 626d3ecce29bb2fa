#include "market/indicators/super_trend.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void super_trend(std::span<const double> high, std::span<const double> low,
                 std::span<const double> close, std::size_t period, double multiplier,
                 std::span<double> line, std::span<double> direction) {
  SIGTRADER_ASSERT(high.size() == close.size() && low.size() == close.size() &&
                       line.size() == close.size() && direction.size() == close.size(),
                   "SuperTrend inputs and outputs must have the same length");
  SuperTrend state(period, multiplier);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const SuperTrendValue value = state.update(high[i], low[i], close[i]);
    line[i] = value.line;
    direction[i] = value.direction;
  }
}

}  // namespace sigtrader::market::indicators
