#include "market/indicators/bollinger.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Bollinger::Bollinger(std::size_t period, double deviations)
    : period_(period),
      divisor_(static_cast<double>(period)),
      deviations_(deviations),
      window_(period, 0.0) {
  SIGTRADER_ASSERT(period >= 1, "Bollinger period must be at least 1");
}

void bollinger(std::span<const double> close, std::size_t period, double deviations,
               std::span<double> upper, std::span<double> middle, std::span<double> lower) {
  SIGTRADER_ASSERT(period >= 1, "Bollinger period must be at least 1");
  SIGTRADER_ASSERT(
      upper.size() == close.size() && middle.size() == close.size() && lower.size() == close.size(),
      "Bollinger outputs must be as long as the input");
  const std::size_t n = close.size();
  const double divisor = static_cast<double>(period);
  auto write = [&](std::size_t i, BollingerValue value) {
    upper[i] = value.upper;
    middle[i] = value.middle;
    lower[i] = value.lower;
  };
  // Same operations, in the same order, as Bollinger::update, reading the window from the input.
  double sum = 0.0;
  const std::size_t seed_end = n < period ? n : period;
  for (std::size_t i = 0; i < seed_end; ++i) {
    sum += close[i];
    write(i, BollingerValue{});
  }
  if (n < period) return;
  double mean = sum / divisor;
  double m2 = squared_deviations(close.data(), period, mean);
  write(period - 1, bollinger_bands(mean, m2, divisor, deviations));
  std::size_t phase = 0;  // (i + 1) % period: 0 where the streaming ring wraps and re-anchors
  for (std::size_t i = period; i < n; ++i) {
    const double value = close[i];
    const double leaving = close[i - period];
    sum += value - leaving;
    const double next_mean = sum / divisor;
    if (++phase == period) phase = 0;
    if (phase == 0) {
      m2 = squared_deviations(close.data() + (i + 1 - period), period, next_mean);
    } else {
      m2 += (value - leaving) * ((value - next_mean) + (leaving - mean));
      if (m2 < 0.0) m2 = 0.0;
    }
    mean = next_mean;
    write(i, bollinger_bands(mean, m2, divisor, deviations));
  }
}

}  // namespace sigtrader::market::indicators
