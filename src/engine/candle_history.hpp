#pragma once

#include <algorithm>
#include <cstddef>
#include <span>
#include <vector>

#include "market/candle.hpp"

namespace sigtrader::engine {

// The last `length` candles of a market, contiguous and oldest first, in bounded memory: candles
// are appended to a buffer of twice the length, and when it is full the newest `length` are
// moved to its front (amortised O(1) per candle, no allocation after the first fill).
class CandleHistory {
 public:
  explicit CandleHistory(std::size_t length = 1) : length_(std::max<std::size_t>(1, length)) {
    buffer_.reserve(2 * length_);
  }

  void push(const market::Candle& candle) {
    if (buffer_.size() == 2 * length_) {
      std::move(buffer_.end() - static_cast<std::ptrdiff_t>(length_ - 1), buffer_.end(),
                buffer_.begin());
      buffer_.resize(length_ - 1);
    }
    buffer_.push_back(candle);
  }

  std::span<const market::Candle> view() const {
    const std::size_t size = std::min(length_, buffer_.size());
    return std::span<const market::Candle>(buffer_).last(size);
  }

 private:
  std::size_t length_;
  std::vector<market::Candle> buffer_;
};

}  // namespace sigtrader::engine
