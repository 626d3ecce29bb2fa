#pragma once

#include <cstddef>
#include <span>

#include "core/assert.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// True range of a bar given the previous close: max(high-low, |high-prev|, |low-prev|).
inline double true_range(double high, double low, double previous_close) {
  double range = high - low;
  const double up = high > previous_close ? high - previous_close : previous_close - high;
  const double down = low > previous_close ? low - previous_close : previous_close - low;
  if (up > range) range = up;
  if (down > range) range = down;
  return range;
}

// Average true range, TA-Lib convention: the first bar has no true range (no previous close),
// the first ATR is the simple average of the next n true ranges (lookback n), then Wilder
// smoothing atr = (atr * (n-1) + tr) / n. That is an EMA with alpha = 1/n, and it is computed as
// one: ema_step(atr, tr, 1/n, (n-1)/n), whose chain through atr is a multiply and an add instead
// of TA-Lib's multiply, add and divide. May differ from TA-Lib in the last bit.
class Atr {
 public:
  // Inline so that a local Atr can live in registers; the hot path is update().
  explicit Atr(std::size_t period)
      : period_(period),
        divisor_(static_cast<double>(period)),
        inverse_(1.0 / static_cast<double>(period)),
        retain_((static_cast<double>(period) - 1.0) / static_cast<double>(period)) {
    SIGTRADER_ASSERT(period >= 1, "ATR period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period; }
  std::size_t lookback() const { return lookback(period_); }
  bool ready() const { return count_ > period_; }

  double update(double high, double low, double close) {
    if (count_ == 0) {
      previous_ = close;
      ++count_;
      return kNaN;
    }
    const double range = true_range(high, low, previous_);
    previous_ = close;
    if (count_ > period_) [[likely]] {
      atr_ = ema_step(atr_, range, inverse_, retain_);
      return atr_;
    }
    atr_ += range;
    if (++count_ <= period_) return kNaN;
    atr_ /= divisor_;
    return atr_;
  }

 private:
  std::size_t period_;
  double divisor_;  // n
  double inverse_;  // 1 / n, the EMA's alpha
  double retain_;   // (n - 1) / n
  std::size_t count_ = 0;
  double previous_ = 0.0;
  double atr_ = 0.0;
};

// Batch ATR with Atr's convention; NaN for i < n. All spans have the same length.
void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
