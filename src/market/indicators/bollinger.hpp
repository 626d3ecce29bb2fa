#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "core/assert.hpp"
#include "market/indicators/double_pair.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One Bollinger output: middle = SMA(n), upper/lower = middle ± k × population std deviation.
struct BollingerValue {
  double upper = kNaN;
  double middle = kNaN;
  double lower = kNaN;
};

// The band half-width is deviations × sqrt(m2 / n), computed as (deviations / sqrt(n)) ×
// sqrt(m2): one multiply per bar instead of a divide. May differ from TA-Lib in the last bit.
inline double bollinger_width_scale(std::size_t period, double deviations) {
  return deviations / std::sqrt(static_cast<double>(period));
}

// The bands from a window's mean and the square root of its sum of squared deviations.
inline BollingerValue bollinger_bands(double mean, double root_m2, double width_scale) {
  const double width = width_scale * root_m2;
  return {mean + width, mean, mean - width};
}

// The sum of squared deviations from `mean` of n values in time order, oldest first. Even and
// odd positions are summed apart, in the two lanes of a DoublePair: half the instructions and
// half the chain of adds of one running sum, for re-anchoring that adds one term per bar.
inline double squared_deviations(const double* values, std::size_t n, double mean) {
  DoublePair sums = {0.0, 0.0};
  std::size_t i = 0;
  for (; i + 1 < n; i += 2) {
    const DoublePair deviation = load_pair(values + i) - mean;
    sums += deviation * deviation;
  }
  double m2 = sums[0] + sums[1];
  if (i < n) {
    const double deviation = values[i] - mean;
    m2 += deviation * deviation;
  }
  return m2;
}

// What the sum of squared deviations gains when `leaving` is replaced by `value` and the mean
// moves from `mean` to `next_mean`. A template so that the batch form can take two bars at once
// (DoublePair) with the very same operations.
template <typename Value>
Value slide_term(Value value, Value leaving, Value mean, Value next_mean) {
  return (value - leaving) * ((value - next_mean) + (leaving - mean));
}

// m2 + term, clamped at 0 against rounding.
inline double add_slide_term(double m2, double term) {
  m2 += term;
  return m2 < 0.0 ? 0.0 : m2;
}

// Bollinger Bands, TA-Lib convention: middle is the SMA (lookback n-1, the same running sum and
// multiply by 1/n as Sma, so middle == SMA exactly); deviation is the population standard
// deviation (divide by n). The sum of squared deviations is slid in O(1) (slide_term), which
// avoids the cancellation of TA-Lib's mean(x²) - mean(x)², and recomputed two-pass every n bars
// (amortized O(1)) so its rounding residue cannot build up: a flat market gets bands of width ~0,
// not ~sqrt(eps) × price.
class Bollinger {
 public:
  Bollinger(std::size_t period, double deviations)
      : period_(period),
        inverse_(1.0 / static_cast<double>(period)),
        width_scale_(bollinger_width_scale(period, deviations)),
        window_(period, 0.0) {
    SIGTRADER_ASSERT(period >= 1, "Bollinger period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period - 1; }
  std::size_t lookback() const { return lookback(period_); }
  bool ready() const { return count_ >= period_; }

  BollingerValue update(double value) {
    const double leaving = window_[head_];
    window_[head_] = value;
    if (++head_ == period_) head_ = 0;
    if (count_ >= period_) [[likely]] {
      sum_ += value - leaving;
      const double mean = sum_ * inverse_;
      if (head_ == 0) {  // the ring is in time order: re-anchor
        m2_ = squared_deviations(window_.data(), period_, mean);
      } else {
        m2_ = add_slide_term(m2_, slide_term(value, leaving, mean_, mean));
      }
      mean_ = mean;
      return bands();
    }
    sum_ += value;
    if (++count_ < period_) return {};
    mean_ = sum_ * inverse_;
    m2_ = squared_deviations(window_.data(), period_, mean_);  // head_ is 0: in time order
    return bands();
  }

 private:
  BollingerValue bands() const { return bollinger_bands(mean_, std::sqrt(m2_), width_scale_); }

  std::size_t period_;
  double inverse_;  // 1 / n, as in Sma
  double width_scale_;
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
