#include "market/indicators/ema.hpp"

#include <algorithm>

namespace sigtrader::market::indicators {

void ema(std::span<const double> in, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(period >= 1, "EMA period must be at least 1");
  SIGTRADER_ASSERT(out.size() == in.size(), "EMA output must be as long as its input");
  const std::size_t n = in.size();
  const double alpha = ema_alpha(period);
  const double retain = 1.0 - alpha;
  // Same operations, in the same order, as Ema::update.
  double value = 0.0;
  const std::size_t seed_end = std::min(n, period);
  for (std::size_t i = 0; i < seed_end; ++i) {
    value += in[i];
    out[i] = kNaN;
  }
  if (n < period) return;
  value /= static_cast<double>(period);
  out[period - 1] = value;
  for (std::size_t i = period; i < n; ++i) {
    value = ema_step(value, in[i], alpha, retain);
    out[i] = value;
  }
}

}  // namespace sigtrader::market::indicators
