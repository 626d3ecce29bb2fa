#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Simple moving average, TA-Lib convention: lookback n-1; a running sum that slides by
// (newest - leaving), divided by n. The division is a multiply by a precomputed 1/n, as in RSI
// and ATR: a divide issues only every ~5 cycles and Bollinger Bands, whose middle is this SMA,
// also need a square root per bar from the same unit. May differ from TA-Lib in the last bit.
class Sma {
 public:
  explicit Sma(std::size_t period);

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  std::size_t period() const { return period_; }
  bool ready() const { return count_ >= period_; }

  // Takes one close; returns the average of the last n values, NaN during the lookback.
  double update(double value) {
    double leaving = window_[head_];
    window_[head_] = value;
    if (++head_ == period_) head_ = 0;
    if (count_ < period_) {
      sum_ += value;
      if (++count_ < period_) return kNaN;
      return sum_ * inverse_;
    }
    sum_ += value - leaving;  // one add on the running sum's dependency chain
    return sum_ * inverse_;
  }

 private:
  std::size_t period_;
  double inverse_;              // 1 / n
  std::vector<double> window_;  // ring buffer of the last n values, allocated once
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  double sum_ = 0.0;
};

// Batch SMA: out[i] = average of in[i-n+1..i], NaN for i < n-1. out.size() == in.size().
void sma(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
