#include "market/indicators/wma.hpp"

#include <algorithm>

namespace sigtrader::market::indicators {

Wma::Wma(std::size_t period)
    : period_(period),
      divisor_(static_cast<double>(period) * static_cast<double>(period + 1) / 2.0),
      window_(period, 0.0) {
  SIGTRADER_ASSERT(period >= 1, "WMA period must be at least 1");
}

void wma(std::span<const double> in, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(period >= 1, "WMA period must be at least 1");
  SIGTRADER_ASSERT(out.size() == in.size(), "WMA output must be as long as its input");
  const std::size_t n = in.size();
  const double divisor = static_cast<double>(period) * static_cast<double>(period + 1) / 2.0;
  // Same operations, in the same order, as Wma::update.
  double weighted = 0.0;
  double sum = 0.0;
  const std::size_t seed_end = std::min(n, period);
  for (std::size_t i = 0; i < seed_end; ++i) {
    weighted += static_cast<double>(i + 1) * in[i];
    sum += in[i];
    out[i] = kNaN;
  }
  if (n < period) return;
  out[period - 1] = weighted / divisor;
  for (std::size_t i = period; i < n; ++i) {
    weighted += static_cast<double>(period) * in[i];
    weighted -= sum;
    sum += in[i];
    sum -= in[i - period];
    out[i] = weighted / divisor;
  }
}

}  // namespace sigtrader::market::indicators
