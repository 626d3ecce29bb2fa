#include "market/indicators/adx.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Adx::Adx(std::size_t period)
    : period_(period),
      divisor_(static_cast<double>(period)),
      smoothing_(static_cast<double>(period) - 1.0) {
  SIGTRADER_ASSERT(period >= 1, "ADX period must be at least 1");
}

void adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> adx_out, std::span<double> plus_di,
         std::span<double> minus_di) {
  SIGTRADER_ASSERT(high.size() == close.size() && low.size() == close.size() &&
                       adx_out.size() == close.size() && plus_di.size() == close.size() &&
                       minus_di.size() == close.size(),
                   "ADX inputs and outputs must have the same length");
  Adx state(period);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const AdxValue value = state.update(high[i], low[i], close[i]);
    adx_out[i] = value.adx;
    plus_di[i] = value.plus_di;
    minus_di[i] = value.minus_di;
  }
}

}  // namespace sigtrader::market::indicators
