#include "market/indicators/stochastic.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Stochastic::Stochastic(std::size_t k_period, std::size_t slow_k, std::size_t d_period)
    : k_period_(k_period), highest_(k_period), lowest_(k_period), slow_k_(slow_k), d_(d_period) {}

void stochastic(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, std::size_t k_period, std::size_t slow_k,
                std::size_t d_period, std::span<double> k_out, std::span<double> d_out) {
  SIGTRADER_ASSERT(high.size() == close.size() && low.size() == close.size() &&
                       k_out.size() == close.size() && d_out.size() == close.size(),
                   "stochastic inputs and outputs must have the same length");
  Stochastic state(k_period, slow_k, d_period);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const StochasticValue value = state.update(high[i], low[i], close[i]);
    k_out[i] = value.k;
    d_out[i] = value.d;
  }
}

void williams_r(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(
      high.size() == close.size() && low.size() == close.size() && out.size() == close.size(),
      "Williams %R inputs and output must have the same length");
  WilliamsR state(period);
  for (std::size_t i = 0; i < close.size(); ++i)
    out[i] = state.update(high[i], low[i], close[i]);
}

}  // namespace sigtrader::market::indicators
