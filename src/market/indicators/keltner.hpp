#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/atr.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One Keltner channel output.
struct KeltnerValue {
  double upper = kNaN;
  double middle = kNaN;
  double lower = kNaN;
};

// Keltner channel (no TA-Lib function; the modern definition, as StockCharts and TradingView):
// middle = EMA(n) of the close, bands = middle ± multiplier × ATR(atr_n), with this library's
// EMA and Wilder ATR conventions; lookback max(n-1, atr_n).
class Keltner {
 public:
  Keltner(std::size_t period, double multiplier, std::size_t atr_period)
      : multiplier_(multiplier), middle_(period), range_(atr_period) {}

  static std::size_t lookback(std::size_t period, std::size_t atr_period) {
    return Ema::lookback(period) > Atr::lookback(atr_period) ? Ema::lookback(period)
                                                             : Atr::lookback(atr_period);
  }
  bool ready() const { return middle_.ready() && range_.ready(); }

  KeltnerValue update(double high, double low, double close) {
    const double middle = middle_.update(close);
    const double range = range_.update(high, low, close);
    if (!ready()) return {};
    const double width = multiplier_ * range;
    return {middle + width, middle, middle - width};
  }

 private:
  double multiplier_;
  Ema middle_;
  Atr range_;
};

// Batch Keltner channel with Keltner's convention; all spans have the same length.
void keltner(std::span<const double> high, std::span<const double> low,
             std::span<const double> close, std::size_t period, double multiplier,
             std::size_t atr_period, std::span<double> upper, std::span<double> middle,
             std::span<double> lower);

}  // namespace sigtrader::market::indicators
