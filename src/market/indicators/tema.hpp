#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/ema.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Triple EMA, TA-Lib convention: 3*(e1 - e2) + e3 where e1 = EMA(x), e2 = EMA(e1), e3 = EMA(e2),
// each EMA starting on the previous one's first output and seeded with an SMA (lookback 3(n-1)).
class Tema {
 public:
  explicit Tema(std::size_t period) : first_(period), second_(period), third_(period) {}

  static std::size_t lookback(std::size_t period) { return 3 * (period - 1); }
  std::size_t lookback() const { return lookback(first_.period()); }
  bool ready() const { return third_.ready(); }

  double update(double value) {
    const double e1 = first_.update(value);
    if (!first_.ready()) return kNaN;
    const double e2 = second_.update(e1);
    if (!second_.ready()) return kNaN;
    const double e3 = third_.update(e2);
    if (!third_.ready()) return kNaN;
    return 3.0 * (e1 - e2) + e3;
  }

 private:
  Ema first_;
  Ema second_;
  Ema third_;
};

// Batch TEMA with Tema's convention; NaN for i < 3(n-1). out.size() == in.size().
void tema(std::span<const double> in, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
