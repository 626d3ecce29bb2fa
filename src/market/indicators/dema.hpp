#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/ema.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Double EMA, TA-Lib convention: 2*EMA(x) - EMA(EMA(x)); the second EMA runs on the first's
// values from its first output, each seeded with the SMA of its first n inputs (lookback 2(n-1)).
class Dema {
 public:
  explicit Dema(std::size_t period) : first_(period), second_(period) {}

  static std::size_t lookback(std::size_t period) { return 2 * (period - 1); }
  std::size_t lookback() const { return lookback(first_.period()); }
  bool ready() const { return second_.ready(); }

  double update(double value) {
    const double once = first_.update(value);
    if (!first_.ready()) return kNaN;
    const double twice = second_.update(once);
    if (!second_.ready()) return kNaN;
    return 2.0 * once - twice;
  }

 private:
  Ema first_;
  Ema second_;
};

// Batch DEMA with Dema's convention; NaN for i < 2(n-1). out.size() == in.size().
void dema(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
