#pragma once

#include <cstddef>
#include <span>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// The EMA smoothing factor 2/(n+1).
inline double ema_alpha(std::size_t period) {
  return 2.0 / (static_cast<double>(period) + 1.0);
}

// One EMA step as alpha * value + (1 - alpha) * previous. TA-Lib writes previous + alpha *
// (value - previous), whose chain through `previous` is a subtract, a multiply and an add; here
// it is a multiply and an add, so a serial EMA runs a third faster. The price is the last bit:
// values may differ from TA-Lib's by an ulp or so, and a constant input may settle an ulp away
// from the constant instead of on it. Ema, the batch MACD and ATR's Wilder smoothing use it.
inline double ema_step(double previous, double value, double alpha, double retain) {
  return alpha * value + retain * previous;
}

// Exponential moving average, TA-Lib convention: alpha = 2/(n+1), seeded with the SMA of the
// first n values (lookback n-1), then ema_step.
class Ema {
 public:
  // Inline so that a local Ema can live in registers; the hot path is update().
  explicit Ema(std::size_t period)
      : period_(period), alpha_(ema_alpha(period)), retain_(1.0 - alpha_), seeds_left_(period) {
    SIGTRADER_ASSERT(period >= 1, "EMA period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  std::size_t period() const { return period_; }
  bool ready() const { return seeds_left_ == 0; }
  // The last value returned once ready, NaN before.
  double value() const { return ready() ? ema_ : kNaN; }

  double update(double value) {
    if (seeds_left_ == 0) [[likely]] {
      ema_ = ema_step(ema_, value, alpha_, retain_);
      return ema_;
    }
    ema_ += value;  // the seed sum while counting the first n values
    if (--seeds_left_ != 0) return kNaN;
    ema_ /= static_cast<double>(period_);
    return ema_;
  }

 private:
  std::size_t period_;
  double alpha_;
  double retain_;           // 1 - alpha
  std::size_t seeds_left_;  // values still to come before the seed SMA; 0 once ready
  double ema_ = 0.0;
};

// Batch EMA with Ema's convention; NaN for i < n-1. out.size() == in.size().
void ema(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
