#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Linearly weighted moving average, TA-Lib convention: weights 1..n (newest n), divided by
// n(n+1)/2, lookback n-1. O(1): weighted += n*value - window_sum, then window_sum slides.
class Wma {
 public:
  explicit Wma(std::size_t period);

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  bool ready() const { return count_ >= period_; }

  double update(double value) {
    double leaving = window_[head_];
    window_[head_] = value;
    if (++head_ == period_) head_ = 0;
    if (count_ < period_) {
      ++count_;
      weighted_ += static_cast<double>(count_) * value;
      sum_ += value;
      return count_ < period_ ? kNaN : weighted_ / divisor_;
    }
    weighted_ += static_cast<double>(period_) * value;
    weighted_ -= sum_;
    sum_ += value;
    sum_ -= leaving;
    return weighted_ / divisor_;
  }

 private:
  std::size_t period_;
  double divisor_;
  std::vector<double> window_;  // ring buffer of the last n values, allocated once
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  double weighted_ = 0.0;
  double sum_ = 0.0;
};

// Batch WMA with Wma's convention; NaN for i < n-1. out.size() == in.size().
void wma(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
