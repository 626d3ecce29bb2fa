#pragma once

#include <cstddef>
#include <span>

namespace sigtrader::market::indicators {

// On-balance volume, TA-Lib OBV convention: starts at the first bar's volume (lookback 0), then
// adds the volume on an up close, subtracts it on a down close, keeps it on an unchanged close.
class Obv {
 public:
  static std::size_t lookback() { return 0; }
  bool ready() const { return started_; }

  double update(double close, double volume) {
    if (!started_) {
      started_ = true;
      obv_ = volume;
    } else if (close > previous_) {
      obv_ += volume;
    } else if (close < previous_) {
      obv_ -= volume;
    }
    previous_ = close;
    return obv_;
  }

 private:
  bool started_ = false;
  double previous_ = 0.0;
  double obv_ = 0.0;
};

// Batch OBV with Obv's convention; all spans have the same length.
void obv(std::span<const double> close, std::span<const double> volume, std::span<double> out);

}  // namespace sigtrader::market::indicators
