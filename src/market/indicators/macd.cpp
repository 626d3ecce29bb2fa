#include "market/indicators/macd.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Macd::Macd(std::size_t fast, std::size_t slow, std::size_t signal)
    : slow_period_(slow), skip_(slow - fast), fast_(fast), slow_(slow), signal_(signal) {
  SIGTRADER_ASSERT(fast >= 1 && fast < slow, "MACD needs 1 <= fast < slow");
  SIGTRADER_ASSERT(signal >= 1, "MACD signal period must be at least 1");
}

void macd(std::span<const double> close, std::size_t fast, std::size_t slow, std::size_t signal,
          std::span<double> line, std::span<double> signal_line, std::span<double> histogram) {
  SIGTRADER_ASSERT(line.size() == close.size() && signal_line.size() == close.size() &&
                       histogram.size() == close.size(),
                   "MACD outputs must be as long as the input");
  // Three EMAs on registers; running the streaming form keeps both forms identical.
  Macd state(fast, slow, signal);
  for (std::size_t i = 0; i < close.size(); ++i) {
    const MacdValue value = state.update(close[i]);
    line[i] = value.line;
    signal_line[i] = value.signal;
    histogram[i] = value.histogram;
  }
}

}  // namespace sigtrader::market::indicators
