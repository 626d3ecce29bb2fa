#include "market/indicators/atr.hpp"

namespace sigtrader::market::indicators {

void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(
      high.size() == close.size() && low.size() == close.size() && out.size() == close.size(),
      "ATR inputs and output must have the same length");
  // The streaming update keeps its state in registers; running it keeps both forms identical.
  Atr state(period);
  for (std::size_t i = 0; i < close.size(); ++i)
    out[i] = state.update(high[i], low[i], close[i]);
}

}  // namespace sigtrader::market::indicators
