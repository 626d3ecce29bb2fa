#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

// Session VWAP (no TA-Lib function; the common definition): the volume-weighted average of the
// typical price (high + low + close) / 3 since the start of the bar's session, sessions being
// consecutive windows of session_ns from the Unix epoch (a UTC day by default). Lookback 0; while
// a session has no volume yet the value is the bar's typical price.
class Vwap {
 public:
  static constexpr std::int64_t kUtcDayNs = 86'400'000'000'000;

  explicit Vwap(std::int64_t session_ns = kUtcDayNs) : session_ns_(session_ns) {
    SIGTRADER_ASSERT(session_ns > 0, "VWAP session length must be positive");
  }

  static std::size_t lookback() { return 0; }
  bool ready() const { return started_; }

  double update(std::int64_t time_ns, double high, double low, double close, double volume) {
    std::int64_t session = time_ns / session_ns_;
    if (time_ns % session_ns_ < 0) --session;  // floor for times before 1970
    if (!started_ || session != session_) {
      started_ = true;
      session_ = session;
      price_volume_ = 0.0;
      volume_ = 0.0;
    }
    const double typical = (high + low + close) / 3.0;
    price_volume_ += typical * volume;
    volume_ += volume;
    return volume_ != 0.0 ? price_volume_ / volume_ : typical;
  }

 private:
  std::int64_t session_ns_;
  bool started_ = false;
  std::int64_t session_ = 0;
  double price_volume_ = 0.0;
  double volume_ = 0.0;
};

// Batch session VWAP with Vwap's convention; all spans have the same length.
void vwap(std::span<const std::int64_t> time_ns, std::span<const double> high,
          std::span<const double> low, std::span<const double> close,
          std::span<const double> volume, std::span<double> out,
          std::int64_t session_ns = Vwap::kUtcDayNs);

}  // namespace sigtrader::market::indicators
