#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/atr.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One SuperTrend output: the trailing line and the trend it follows (+1 up, -1 down).
struct SuperTrendValue {
  double line = kNaN;
  double direction = kNaN;
};

// SuperTrend (no TA-Lib function; the common definition, as TradingView's ta.supertrend):
// basic bands hl2 ± multiplier × ATR(n) (Wilder, this library's ATR, lookback n). The upper band
// only falls (the lower only rises) unless the previous close crossed it; the trend turns up when
// the close rises above the upper band and down when it falls below the lower band; the first
// value is a downtrend on the upper band. The line is the lower band in an uptrend, else the upper.
class SuperTrend {
 public:
  SuperTrend(std::size_t period, double multiplier) : multiplier_(multiplier), range_(period) {}

  static std::size_t lookback(std::size_t period) { return Atr::lookback(period); }
  bool ready() const { return range_.ready(); }

  SuperTrendValue update(double high, double low, double close) {
    const double range = range_.update(high, low, close);
    if (!range_.ready()) {
      previous_close_ = close;
      return {};
    }
    const double middle = (high + low) / 2.0;
    double upper = middle + multiplier_ * range;
    double lower = middle - multiplier_ * range;
    if (started_) {
      if (!(upper < upper_ || previous_close_ > upper_)) upper = upper_;
      if (!(lower > lower_ || previous_close_ < lower_)) lower = lower_;
      if (up_ && close < lower) {
        up_ = false;
      } else if (!up_ && close > upper) {
        up_ = true;
      }
    }
    started_ = true;
    upper_ = upper;
    lower_ = lower;
    previous_close_ = close;
    return {up_ ? lower : upper, up_ ? 1.0 : -1.0};
  }

 private:
  double multiplier_;
  Atr range_;
  bool started_ = false;
  bool up_ = false;
  double upper_ = 0.0;
  double lower_ = 0.0;
  double previous_close_ = 0.0;
};

// Batch SuperTrend with SuperTrend's convention; all spans have the same length.
void super_trend(std::span<const double> high, std::span<const double> low,
                 std::span<const double> close, std::size_t period, double multiplier,
                 std::span<double> line, std::span<double> direction);

}  // namespace sigtrader::market::indicators
