#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/nan.hpp"
#include "market/indicators/rolling_extreme.hpp"

namespace sigtrader::market::indicators {

// One Donchian channel output.
struct DonchianValue {
  double upper = kNaN;
  double middle = kNaN;
  double lower = kNaN;
};

// Donchian channel (no TA-Lib function; the common convention, as TA-Lib's MAX/MIN): highest high
// and lowest low of the last n bars including this one, middle = (upper + lower) / 2, lookback
// n-1.
class Donchian {
 public:
  explicit Donchian(std::size_t period) : period_(period), highest_(period), lowest_(period) {}

  static std::size_t lookback(std::size_t period) { return period - 1; }
  bool ready() const { return highest_.count() >= period_; }

  DonchianValue update(double high, double low) {
    const double upper = highest_.update(high);
    const double lower = lowest_.update(low);
    if (highest_.count() < period_) return {};
    return {upper, (upper + lower) / 2.0, lower};
  }

 private:
  std::size_t period_;
  RollingMax highest_;
  RollingMin lowest_;
};

// Batch Donchian channel with Donchian's convention; all spans have the same length.
void donchian(std::span<const double> high, std::span<const double> low, std::size_t period,
              std::span<double> upper, std::span<double> middle, std::span<double> lower);

}  // namespace sigtrader::market::indicators
