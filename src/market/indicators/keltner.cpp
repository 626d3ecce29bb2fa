#include "market/indicators/keltner.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void keltner(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, std::size_t period, double multiplier,
             std::size_t atr_period, std::span<double> upper, std::span<double> middle,
             std::span<double> lower) {
  SIGTRADER_ASSERT(high.size() == close.size() && low.size() == close.size() &&
                       upper.size() == close.size() && middle.size() == close.size() &&
                       lower.size() == close.size(),
                   "Keltner inputs and outputs must have the same length");
  Keltner state(period, multiplier, atr_period);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const KeltnerValue value = state.update(high[i], low[i], close[i]);
    upper[i] = value.upper;
    middle[i] = value.middle;
    lower[i] = value.lower;
  }
}

}  // namespace sigtrader::market::indicators
