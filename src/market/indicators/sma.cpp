#include "market/indicators/sma.hpp"

#include <algorithm>

#include "market/indicators/double_pair.hpp"

namespace sigtrader::market::indicators {

Sma::Sma(std::size_t period)
    : period_(period), inverse_(1.0 / static_cast<double>(period)), window_(period, 0.0) {
  SIGTRADER_ASSERT(period >= 1, "SMA period must be at least 1");
}

void sma(std::span<const double> in, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(period >= 1, "SMA period must be at least 1");
  SIGTRADER_ASSERT(out.size() == in.size(), "SMA output must be as long as its input");
  const std::size_t n = in.size();
  const double inverse = 1.0 / static_cast<double>(period);
  // Same operations, in the same order, as Sma::update, so both forms agree exactly.
  double sum = 0.0;
  const std::size_t seed_end = std::min(n, period);
  for (std::size_t i = 0; i < seed_end; ++i) {
    sum += in[i];
    out[i] = kNaN;
  }
  if (n < period) return;
  out[period - 1] = sum * inverse;
  // Two bars per step (see DoublePair): the loads, the subtractions, the multiplies and the stores
  // serve both bars; the sum stays one serial chain of adds.
  std::size_t i = period;
  for (; i + 1 < n; i += 2) {
    const DoublePair change = load_pair(in.data() + i) - load_pair(in.data() + i - period);
    const double first = sum + change[0];
    sum = first + change[1];
    store_pair(out.data() + i, DoublePair{first, sum} * inverse);
  }
  if (i < n) {
    sum += in[i] - in[i - period];
    out[i] = sum * inverse;
  }
}

}  // namespace sigtrader::market::indicators
