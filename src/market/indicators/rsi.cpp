#include "market/indicators/rsi.hpp"

namespace sigtrader::market::indicators {

void rsi(std::span<const double> close, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(out.size() == close.size(), "RSI output must be as long as its input");
  // The update is a handful of flops on registers; running the streaming form keeps the two
  // forms identical by construction and allocates nothing.
  Rsi state(period);
  for (std::size_t i = 0; i < close.size(); ++i)
    out[i] = state.update(close[i]);
}

}  // namespace sigtrader::market::indicators
