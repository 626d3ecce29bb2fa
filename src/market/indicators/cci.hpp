#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Commodity channel index, TA-Lib CCI convention: typical price tp = (high + low + close) / 3,
// CCI = (tp - mean) / (0.015 * mean absolute deviation) over the last n typical prices (0 when
// either is 0), lookback n-1. The mean absolute deviation needs the whole window, so an update
// costs O(n) (as in TA-Lib); it still allocates nothing after construction.
class Cci {
 public:
  explicit Cci(std::size_t period);

  static std::size_t lookback(std::size_t period) { return period - 1; }
  bool ready() const { return count_ >= period_; }

  double update(double high, double low, double close);

 private:
  std::size_t period_;
  double divisor_;
  std::vector<double> window_;  // ring buffer of the last n typical prices, allocated once
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

// Batch CCI with Cci's convention; all spans have the same length.
void cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
