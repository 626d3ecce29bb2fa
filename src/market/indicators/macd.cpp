#include "market/indicators/macd.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void macd(std::span<const double> close, std::size_t fast, std::size_t slow, std::size_t signal,
          std::span<double> line, std::span<double> signal_line, std::span<double> histogram) {
  SIGTRADER_ASSERT(fast >= 1 && fast < slow, "MACD needs 1 <= fast < slow");
  SIGTRADER_ASSERT(signal >= 1, "MACD signal period must be at least 1");
  SIGTRADER_ASSERT(line.size() == close.size() && signal_line.size() == close.size() &&
                       histogram.size() == close.size(),
                   "MACD outputs must be as long as the input");
  const std::size_t n = close.size();
  auto write = [&](std::size_t i, double line_value, double signal_value) {
    line[i] = line_value;
    signal_line[i] = signal_value;
    histogram[i] = line_value - signal_value;
  };
  // The three EMAs of Macd::update fused into one pass, split into its seeding phases so that the
  // steady loop has no branch; the same operations in the same order as the Ema members do.
  const double fast_alpha = ema_alpha(fast);
  const double fast_retain = 1.0 - fast_alpha;
  const double slow_alpha = ema_alpha(slow);
  const double slow_retain = 1.0 - slow_alpha;
  const double signal_alpha = ema_alpha(signal);
  const double signal_retain = 1.0 - signal_alpha;
  const std::size_t skip = slow - fast;  // bars before the fast EMA's seed window

  double fast_ema = 0.0;  // seed sums, then the EMAs
  double slow_ema = 0.0;
  const std::size_t slow_seed_end = n < slow ? n : slow;
  for (std::size_t i = 0; i < slow_seed_end; ++i) {
    slow_ema += close[i];
    if (i >= skip) fast_ema += close[i];
    write(i, kNaN, kNaN);
  }
  if (n < slow) return;
  slow_ema /= static_cast<double>(slow);
  fast_ema /= static_cast<double>(fast);

  // Bars slow-1 .. lookback give the lines whose average seeds the signal EMA.
  const std::size_t lookback = Macd::lookback(slow, signal);
  std::size_t i = slow - 1;
  double line_value = fast_ema - slow_ema;
  double signal_ema = 0.0;
  for (;;) {
    signal_ema += line_value;
    if (i == lookback) break;
    write(i, kNaN, kNaN);
    if (++i == n) return;
    slow_ema = ema_step(slow_ema, close[i], slow_alpha, slow_retain);
    fast_ema = ema_step(fast_ema, close[i], fast_alpha, fast_retain);
    line_value = fast_ema - slow_ema;
  }
  signal_ema /= static_cast<double>(signal);
  write(i, line_value, signal_ema);

  for (++i; i < n; ++i) {
    slow_ema = ema_step(slow_ema, close[i], slow_alpha, slow_retain);
    fast_ema = ema_step(fast_ema, close[i], fast_alpha, fast_retain);
    line_value = fast_ema - slow_ema;
    signal_ema = ema_step(signal_ema, line_value, signal_alpha, signal_retain);
    write(i, line_value, signal_ema);
  }
}

}  // namespace sigtrader::market::indicators
