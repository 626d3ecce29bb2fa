#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One Bollinger output: middle = SMA(n), upper/lower = middle ± k × population std deviation.
struct BollingerValue {
  double upper = kNaN;
  double middle = kNaN;
  double lower = kNaN;
};

// The bands from a window's mean and sum of squared deviations; shared so both forms agree.
inline BollingerValue bollinger_bands(double mean, double m2, double divisor, double deviations) {
  const double width = deviations * std::sqrt(m2 / divisor);
  return {mean + width, mean, mean - width};
}

// The sum of squared deviations from `mean` of n values in time order, oldest first.
inline double squared_deviations(const double* values, std::size_t n, double mean) {
  double m2 = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double deviation = values[i] - mean;
    m2 += deviation * deviation;
  }
  return m2;
}

// Bollinger Bands, TA-Lib convention: middle is the SMA (lookback n-1, the same running sum as
// Sma, so middle == SMA exactly); deviation is the population standard deviation (divide by n).
// The sum of squared deviations is slid in O(1) by m2 += (new - old) * (new - mean' + old - mean),
// which avoids the cancellation of sum(x²), and recomputed two-pass every n bars (amortized O(1))
// so its rounding residue cannot build up: a flat market gets bands of width ~0, not ~sqrt(eps).
class Bollinger {
 public:
  Bollinger(std::size_t period, double deviations);

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  bool ready() const { return count_ >= period_; }

  BollingerValue update(double value) {
    const double leaving = window_[head_];
    window_[head_] = value;
    if (++head_ == period_) head_ = 0;
    if (count_ >= period_) [[likely]] {
      sum_ += value - leaving;
      const double mean = sum_ / divisor_;
      if (head_ == 0) {  // the ring is in time order: re-anchor
        m2_ = squared_deviations(window_.data(), period_, mean);
      } else {
        m2_ += (value - leaving) * ((value - mean) + (leaving - mean_));
        if (m2_ < 0.0) m2_ = 0.0;
      }
      mean_ = mean;
      return bands();
    }
    sum_ += value;
    if (++count_ < period_) return {};
    mean_ = sum_ / divisor_;
    m2_ = squared_deviations(window_.data(), period_, mean_);  // head_ is 0: in time order
    return bands();
  }

 private:
  BollingerValue bands() const { return bollinger_bands(mean_, m2_, divisor_, deviations_); }

  std::size_t period_;
  double divisor_;
  double deviations_;
  std::vector<double> window_;  // ring buffer of the last n values, allocated once
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  double sum_ = 0.0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

// Batch Bollinger Bands with Bollinger's convention; all spans have the same length.
void bollinger(std::span<const double> close, std::size_t period, double deviations,
               std::span<double> upper, std::span<double> middle, std::span<double> lower);

}  // namespace sigtrader::market::indicators
