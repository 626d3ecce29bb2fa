#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "core/time.hpp"
#include "market/candle.hpp"

namespace sigtrader::market {

// A stream of candles of one market in open-time order (DESIGN.md §4, MarketDataSource): a
// loaded file, a generator, later a live feed. The backtest pulls from it one candle at a time,
// so its memory does not depend on how long the stream is.
class CandleSource {
 public:
  virtual ~CandleSource() = default;
  // The next candle without consuming it; nullptr at the end. Valid until advance().
  virtual const Candle* peek() = 0;
  virtual void advance() = 0;
  virtual core::Duration timeframe() const = 0;
};

// The candles of a loaded series (not owned), optionally only those opening in [from, to).
class SpanCandleSource final : public CandleSource {
 public:
  SpanCandleSource(std::span<const Candle> candles, core::Duration timeframe,
                   std::optional<core::Timestamp> from = std::nullopt,
                   std::optional<core::Timestamp> to = std::nullopt)
      : candles_(candles), timeframe_(timeframe), to_(to) {
    if (from) {
      while (index_ < candles_.size() && candles_[index_].open_time < *from)
        ++index_;
    }
  }

  const Candle* peek() override {
    if (index_ >= candles_.size()) return nullptr;
    const Candle& candle = candles_[index_];
    if (to_ && candle.open_time >= *to_) return nullptr;
    return &candle;
  }
  void advance() override { ++index_; }
  core::Duration timeframe() const override { return timeframe_; }

 private:
  std::span<const Candle> candles_;
  core::Duration timeframe_;
  std::optional<core::Timestamp> to_;
  std::size_t index_ = 0;
};

}  // namespace sigtrader::market
