#include "market/indicators/sma.hpp"

#include <algorithm>

namespace sigtrader::market::indicators {

Sma::Sma(std::size_t period) : period_(period), window_(period, 0.0) {
  SIGTRADER_ASSERT(period >= 1, "SMA period must be at least 1");
}

void sma(std::span<const double> in, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(period >= 1, "SMA period must be at least 1");
  SIGTRADER_ASSERT(out.size() == in.size(), "SMA output must be as long as its input");
  const std::size_t n = in.size();
  const double divisor = static_cast<double>(period);
  // Same operations, in the same order, as Sma::update, so both forms agree exactly.
  double sum = 0.0;
  const std::size_t seed_end = std::min(n, period);
  for (std::size_t i = 0; i < seed_end; ++i) {
    sum += in[i];
    out[i] = kNaN;
  }
  if (n < period) return;
  out[period - 1] = sum / divisor;
  for (std::size_t i = period; i < n; ++i) {
    sum += in[i] - in[i - period];
    out[i] = sum / divisor;
  }
}

}  // namespace sigtrader::market::indicators
