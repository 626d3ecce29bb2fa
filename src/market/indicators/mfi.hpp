#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/assert.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// Money flow index, TA-Lib MFI convention: typical price tp = (high + low + close) / 3, money
// flow tp * volume counted positive when tp rose from the previous bar, negative when it fell,
// neither when unchanged; MFI = 100 * positive / (positive + negative) over the last n flows
// (lookback n). Deviation from TA-Lib, which returns 0 whenever the total is below 1: we return 0
// only when the total is 0, since crypto volumes can be fractional. The sums are running sums,
// reset to exactly 0 when a side has no flow left in the window.
class Mfi {
 public:
  explicit Mfi(std::size_t period)
      : period_(period), positive_window_(period, 0.0), negative_window_(period, 0.0) {
    SIGTRADER_ASSERT(period >= 1, "MFI period must be at least 1");
  }

  static std::size_t lookback(std::size_t period) { return period; }
  bool ready() const { return count_ > period_; }

  double update(double high, double low, double close, double volume) {
    const double typical = (high + low + close) / 3.0;
    if (count_ == 0) {
      previous_ = typical;
      count_ = 1;
      return kNaN;
    }
    const double flow = typical * volume;
    const double positive = typical > previous_ ? flow : 0.0;
    const double negative = typical < previous_ ? flow : 0.0;
    previous_ = typical;
    const double positive_leaving = positive_window_[head_];
    const double negative_leaving = negative_window_[head_];
    positive_window_[head_] = positive;
    negative_window_[head_] = negative;
    if (++head_ == period_) head_ = 0;
    positive_sum_ += positive;
    negative_sum_ += negative;
    positive_flows_ += positive != 0.0;
    negative_flows_ += negative != 0.0;
    if (count_ <= period_) {
      if (++count_ <= period_) return kNaN;
    } else {
      positive_sum_ -= positive_leaving;
      negative_sum_ -= negative_leaving;
      positive_flows_ -= positive_leaving != 0.0;
      negative_flows_ -= negative_leaving != 0.0;
    }
    // A running sum keeps rounding residue after its last flow leaves; a side with no flows in
    // the window is exactly 0, so a flat stretch cannot divide residue by residue.
    if (positive_flows_ == 0) positive_sum_ = 0.0;
    if (negative_flows_ == 0) negative_sum_ = 0.0;
    const double total = positive_sum_ + negative_sum_;
    return total != 0.0 ? 100.0 * (positive_sum_ / total) : 0.0;
  }

 private:
  std::size_t period_;
  std::vector<double> positive_window_;  // ring buffers of the last n flows, allocated once
  std::vector<double> negative_window_;
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  double previous_ = 0.0;
  double positive_sum_ = 0.0;
  double negative_sum_ = 0.0;
  std::size_t positive_flows_ = 0;  // nonzero flows of each side in the window
  std::size_t negative_flows_ = 0;
};

// Batch MFI with Mfi's convention; all spans have the same length.
void mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::span<const double> volume, std::size_t period, std::span<double> out);

}  // namespace sigtrader::market::indicators
