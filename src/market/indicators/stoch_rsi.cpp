#include "market/indicators/stoch_rsi.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void stoch_rsi(std::span<const double> close, std::size_t period, std::size_t k_period,
               std::size_t d_period, std::span<double> k_out, std::span<double> d_out) {
  SIGTRADER_ASSERT(k_out.size() == close.size() && d_out.size() == close.size(),
                   "StochRSI outputs must be as long as the input");
  StochRsi state(period, k_period, d_period);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const StochasticValue value = state.update(close[i]);
    k_out[i] = value.k;
    d_out[i] = value.d;
  }
}

}  // namespace sigtrader::market::indicators
