#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Rate of change in percent, TA-Lib ROC convention: ((close / close n bars ago) - 1) * 100, 0 when
// the earlier close is 0, lookback n.
class Roc {
 public:
  explicit Roc(std::size_t period) : period_(period), window_(period, 0.0) {
    SIGTRADER_ASSERT(period >= 1, "ROC period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period; }
  bool ready() const { return count_ > period_; }

  double update(double close) {
    const double earlier = window_[head_];
    window_[head_] = close;
    if (++head_ == period_) head_ = 0;
    if (count_ < period_) {
      ++count_;
      return kNaN;
    }
    count_ = period_ + 1;
    return earlier != 0.0 ? (close / earlier - 1.0) * 100.0 : 0.0;
  }

 private:
  std::size_t period_;
  std::vector<double> window_;  // ring buffer of the last n closes, allocated once
  std::size_t head_ = 0;
  std::size_t count_ = 0;
};

// Batch ROC with Roc's convention; out.size() == close.size().
void roc(std::span<const double> close, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
