#pragma once

#include <cstddef>
#include <span>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Exponential moving average, TA-Lib convention: alpha = 2/(n+1), seeded with the SMA of the
// first n values (lookback n-1), then ema += alpha * (value - ema).
class Ema {
 public:
  explicit Ema(std::size_t period);

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  std::size_t period() const { return period_; }
  bool ready() const { return count_ >= period_; }
  // The last value returned once ready, NaN before.
  double value() const { return ready() ? ema_ : kNaN; }

  double update(double value) {
    if (count_ >= period_) [[likely]] {
      ema_ += alpha_ * (value - ema_);
      return ema_;
    }
    ema_ += value;  // the seed sum while counting the first n values
    if (++count_ < period_) return kNaN;
    ema_ /= static_cast<double>(period_);
    return ema_;
  }

 private:
  std::size_t period_;
  double alpha_;
  std::size_t count_ = 0;
  double ema_ = 0.0;
};

// Batch EMA with Ema's convention; NaN for i < n-1. out.size() == in.size().
void ema(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
