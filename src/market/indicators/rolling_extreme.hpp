#pragma once

#include <cstddef>
#include <vector>

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

// The highest (or lowest) of the last n values, kept in a monotonic queue on a ring buffer
// allocated once: amortized O(1) per update, no allocation after construction.
template <bool kHighest>
class RollingExtreme {
 public:
  explicit RollingExtreme(std::size_t period) : period_(period), entries_(period) {
    SIGTRADER_ASSERT(period >= 1, "rolling window must hold at least one value");
  }

  // Adds the newest value and returns the extreme of the window ending with it.
  double update(double value) {
    const std::size_t sequence = count_++;
    // Drop the value leaving the window first, so at most n entries are ever held.
    if (back_ != front_ && entries_[front_ % period_].sequence + period_ <= sequence) ++front_;
    while (back_ != front_ && dominated(entries_[(back_ - 1) % period_].value, value)) {
      --back_;
    }
    entries_[back_ % period_] = {sequence, value};
    ++back_;
    return entries_[front_ % period_].value;
  }

  // Values seen so far, to tell when the window is full.
  std::size_t count() const { return count_; }

 private:
  struct Entry {
    std::size_t sequence = 0;
    double value = 0.0;
  };
  // An older value that can never again be the extreme once `newer` has arrived.
  static bool dominated(double older, double newer) {
    return kHighest ? older <= newer : older >= newer;
  }

  std::size_t period_;
  std::vector<Entry> entries_;
  std::size_t front_ = 0;  // monotonic counters; the slot is counter % period
  std::size_t back_ = 0;
  std::size_t count_ = 0;
};

using RollingMax = RollingExtreme<true>;
using RollingMin = RollingExtreme<false>;

}  // namespace sigtrader::market::indicators
