#pragma once

#include <cstddef>
#include <span>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Relative strength index, Wilder smoothing as TA-Lib does: the first average gain/loss is the
// simple average of the first n close-to-close changes (lookback n), then
// avg = (avg * (n-1) + change) / n, computed as × (1/n): one divide per bar instead of three,
// which may differ from TA-Lib's division in the last bit. RSI = 100 * gain / (gain + loss); 100
// when there are gains and no losses, 0 when both averages are 0 (TA-Lib's convention for a flat
// series).
class Rsi {
 public:
  // Inline so that a local Rsi can live in registers; the hot path is update().
  explicit Rsi(std::size_t period)
      : period_(period),
        divisor_(static_cast<double>(period)),
        smoothing_(static_cast<double>(period) - 1.0),
        inverse_(1.0 / static_cast<double>(period)) {
    SIGTRADER_ASSERT(period >= 1, "RSI period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period; }
  std::size_t lookback() const { return lookback(period_); }
  bool ready() const { return count_ > period_; }

  double update(double close) {
    if (count_ == 0) {
      previous_ = close;
      ++count_;
      return kNaN;
    }
    const double change = close - previous_;
    previous_ = close;
    const double gain = change > 0.0 ? change : 0.0;
    const double loss = change < 0.0 ? -change : 0.0;
    if (count_ > period_) [[likely]] {
      gain_ = (gain_ * smoothing_ + gain) * inverse_;
      loss_ = (loss_ * smoothing_ + loss) * inverse_;
      return value();
    }
    gain_ += gain;
    loss_ += loss;
    if (++count_ <= period_) return kNaN;
    gain_ /= divisor_;
    loss_ /= divisor_;
    return value();
  }

 private:
  double value() const {
    const double total = gain_ + loss_;
    return total != 0.0 ? 100.0 * (gain_ / total) : 0.0;
  }

  std::size_t period_;
  double divisor_;    // n
  double smoothing_;  // n - 1
  double inverse_;    // 1 / n, so the smoothing step multiplies instead of dividing
  std::size_t count_ = 0;
  double previous_ = 0.0;
  double gain_ = 0.0;
  double loss_ = 0.0;
};

// Batch RSI with Rsi's convention; NaN for i < n. out.size() == close.size().
void rsi(std::span<const double> close, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
