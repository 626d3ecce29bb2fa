#include "market/indicators/bollinger.hpp"

#include "core/assert.hpp"
#include "market/indicators/double_pair.hpp"

namespace sigtrader::market::indicators {

void bollinger(std::span<const double> close, std::size_t period, double deviations,
               std::span<double> upper, std::span<double> middle, std::span<double> lower) {
  SIGTRADER_ASSERT(period >= 1, "Bollinger period must be at least 1");
  SIGTRADER_ASSERT(
      upper.size() == close.size() && middle.size() == close.size() && lower.size() == close.size(),
      "Bollinger outputs must be as long as the input");
  const std::size_t n = close.size();
  const double inverse = 1.0 / static_cast<double>(period);
  const double width_scale = bollinger_width_scale(period, deviations);
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
  double mean = sum * inverse;
  double m2 = squared_deviations(close.data(), period, mean);
  write(period - 1, bollinger_bands(mean, std::sqrt(m2), width_scale));
  // The streaming ring wraps and re-anchors after bar i when (i + 1) % period == 0.
  std::size_t next_anchor = 2 * period - 1;
  auto anchored = [&](std::size_t i, double next_mean) {
    next_anchor += period;
    return squared_deviations(close.data() + (i + 1 - period), period, next_mean);
  };
  // Two bars per step (see DoublePair). The sums and the sums of squared deviations stay serial
  // chains; the rest, slide terms included, is done for both bars at once, above all the divide
  // and the square root, which were what limited this loop (the square root still is).
  std::size_t i = period;
  for (; i + 1 < n; i += 2) {
    const DoublePair value = load_pair(close.data() + i);
    const DoublePair leaving = load_pair(close.data() + i - period);
    const DoublePair change = value - leaving;
    const double first_sum = sum + change[0];
    sum = first_sum + change[1];
    const DoublePair means = DoublePair{first_sum, sum} * inverse;
    const DoublePair previous_means = {mean, means[0]};
    const DoublePair terms = slide_term(value, leaving, previous_means, means);
    m2 = i == next_anchor ? anchored(i, means[0]) : add_slide_term(m2, terms[0]);
    const double first_m2 = m2;
    m2 = i + 1 == next_anchor ? anchored(i + 1, means[1]) : add_slide_term(m2, terms[1]);
    mean = means[1];
    const DoublePair width = width_scale * square_root(DoublePair{first_m2, m2});
    store_pair(upper.data() + i, means + width);
    store_pair(middle.data() + i, means);
    store_pair(lower.data() + i, means - width);
  }
  if (i < n) {
    sum += close[i] - close[i - period];
    const double next_mean = sum * inverse;
    m2 = i == next_anchor
             ? anchored(i, next_mean)
             : add_slide_term(m2, slide_term(close[i], close[i - period], mean, next_mean));
    mean = next_mean;
    write(i, bollinger_bands(mean, std::sqrt(m2), width_scale));
  }
}

}  // namespace sigtrader::market::indicators
