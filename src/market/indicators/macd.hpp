#pragma once

#include <cstddef>
#include <span>

#include "core/assert.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One MACD output: line = fast EMA - slow EMA, signal = EMA of the line, histogram = line - signal.
struct MacdValue {
  double line = kNaN;
  double signal = kNaN;
  double histogram = kNaN;
};

// MACD, TA-Lib convention: both EMAs produce their first value on the same bar, index slow-1.
// The slow EMA is seeded with the SMA of values [0, slow); the fast EMA with the SMA of the
// fast values ending at the same bar, [slow-fast, slow). The signal EMA is seeded with the SMA
// of the first `signal` line values. All three outputs are NaN until the signal exists:
// lookback (slow-1) + (signal-1), 33 for (12, 26, 9).
class Macd {
 public:
  // Inline so that a local Macd can live in registers; the hot path is update().
  Macd(std::size_t fast, std::size_t slow, std::size_t signal)
      : slow_period_(slow), skip_(slow - fast), fast_(fast), slow_(slow), signal_(signal) {
    SIGTRADER_ASSERT(fast >= 1 && fast < slow, "MACD needs 1 <= fast < slow");
    SIGTRADER_ASSERT(signal >= 1, "MACD signal period must be at least 1");
  }

  static std::size_t lookback(std::size_t slow, std::size_t signal) {
    return (slow - 1) + (signal - 1);
  }
  std::size_t lookback() const { return lookback(slow_period_, signal_.period()); }
  bool ready() const { return signal_.ready(); }

  MacdValue update(double close) {
    const double slow = slow_.update(close);
    if (skip_ > 0) {  // bars before the fast EMA's seed window
      --skip_;
      return {};
    }
    const double fast = fast_.update(close);
    if (!slow_.ready()) return {};
    const double line = fast - slow;
    const double signal = signal_.update(line);
    if (!signal_.ready()) return {};
    return {line, signal, line - signal};
  }

 private:
  std::size_t slow_period_;
  std::size_t skip_;  // slow - fast bars that only the slow EMA sees
  Ema fast_;
  Ema slow_;
  Ema signal_;
};

// Batch MACD with Macd's convention; all spans have the same length.
void macd(std::span<const double> close, std::size_t fast, std::size_t slow, std::size_t signal,
          std::span<double> line, std::span<double> signal_line, std::span<double> histogram);

}  // namespace sigtrader::market::indicators
