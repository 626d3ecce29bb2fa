#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/nan.hpp"
#include "market/indicators/rolling_extreme.hpp"
#include "market/indicators/rsi.hpp"
#include "market/indicators/sma.hpp"
#include "market/indicators/stochastic.hpp"

namespace sigtrader::market::indicators {

// Stochastic RSI, TA-Lib STOCHRSI convention: the fast stochastic of RSI(n) values,
// %K = 100 * (rsi - lowest rsi) / (highest rsi - lowest rsi) over k_period RSI values (0 when the
// range is 0), %D = SMA(d_period) of %K; both start at lookback n + (k_period-1) + (d_period-1).
class StochRsi {
 public:
  StochRsi(std::size_t period, std::size_t k_period, std::size_t d_period)
      : k_period_(k_period), rsi_(period), highest_(k_period), lowest_(k_period), d_(d_period) {}

  static std::size_t lookback(std::size_t period, std::size_t k_period, std::size_t d_period) {
    return Rsi::lookback(period) + (k_period - 1) + (d_period - 1);
  }
  bool ready() const { return d_.ready(); }

  StochasticValue update(double close) {
    const double rsi = rsi_.update(close);
    if (!rsi_.ready()) return {};
    const double highest = highest_.update(rsi);
    const double lowest = lowest_.update(rsi);
    if (highest_.count() < k_period_) return {};
    const double range = highest - lowest;
    const double k = range > 0.0 ? 100.0 * ((rsi - lowest) / range) : 0.0;
    const double d = d_.update(k);
    if (!d_.ready()) return {};
    return {k, d};
  }

 private:
  std::size_t k_period_;
  Rsi rsi_;
  RollingMax highest_;
  RollingMin lowest_;
  Sma d_;
};

// Batch stochastic RSI with StochRsi's convention; all spans have the same length.
void stoch_rsi(std::span<const double> close, std::size_t period, std::size_t k_period,
               std::size_t d_period, std::span<double> k_out, std::span<double> d_out);

}  // namespace sigtrader::market::indicators
