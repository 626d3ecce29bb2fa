#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/nan.hpp"
#include "market/indicators/rolling_extreme.hpp"
#include "market/indicators/sma.hpp"

namespace sigtrader::market::indicators {

// One stochastic output: the slow %K and its %D.
struct StochasticValue {
  double k = kNaN;
  double d = kNaN;
};

// Stochastic oscillator, TA-Lib STOCH convention with simple averages: fast %K =
// 100 * (close - lowest low) / (highest high - lowest low) over k_period bars (0 when the range is
// 0), slow %K = SMA(slow_k) of fast %K, %D = SMA(d) of slow %K; both outputs start together at
// lookback (k_period-1) + (slow_k-1) + (d-1).
class Stochastic {
 public:
  Stochastic(std::size_t k_period, std::size_t slow_k, std::size_t d_period);

  static std::size_t lookback(std::size_t k_period, std::size_t slow_k, std::size_t d_period) {
    return (k_period - 1) + (slow_k - 1) + (d_period - 1);
  }
  bool ready() const { return d_.ready(); }

  StochasticValue update(double high, double low, double close) {
    const double highest = highest_.update(high);
    const double lowest = lowest_.update(low);
    if (highest_.count() < k_period_) return {};
    const double range = highest - lowest;
    const double fast_k = range > 0.0 ? 100.0 * ((close - lowest) / range) : 0.0;
    const double slow_k = slow_k_.update(fast_k);
    if (!slow_k_.ready()) return {};
    const double d = d_.update(slow_k);
    if (!d_.ready()) return {};
    return {slow_k, d};
  }

 private:
  std::size_t k_period_;
  RollingMax highest_;
  RollingMin lowest_;
  Sma slow_k_;
  Sma d_;
};

// Batch stochastic with Stochastic's convention; all spans have the same length.
void stochastic(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, std::size_t k_period, std::size_t slow_k,
                std::size_t d_period, std::span<double> k_out, std::span<double> d_out);

// Williams %R, TA-Lib WILLR convention: -100 * (highest high - close) / (highest high - lowest
// low) over n bars including this one (0 when the range is 0), lookback n-1.
class WilliamsR {
 public:
  explicit WilliamsR(std::size_t period) : period_(period), highest_(period), lowest_(period) {}

  static std::size_t lookback(std::size_t period) { return period - 1; }
  bool ready() const { return highest_.count() >= period_; }

  double update(double high, double low, double close) {
    const double highest = highest_.update(high);
    const double lowest = lowest_.update(low);
    if (highest_.count() < period_) return kNaN;
    const double range = highest - lowest;
    return range > 0.0 ? -100.0 * ((highest - close) / range) : 0.0;
  }

 private:
  std::size_t period_;
  RollingMax highest_;
  RollingMin lowest_;
};

// Batch Williams %R with WilliamsR's convention; all spans have the same length.
void williams_r(std::span<const double> high, std::span<const double> low,
                std::span<const double> close, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
