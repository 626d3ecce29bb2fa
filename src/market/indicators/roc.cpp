#include "market/indicators/roc.hpp"

namespace sigtrader::market::indicators {

void roc(std::span<const double> close, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(period >= 1, "ROC period must be at least 1");
  SIGTRADER_ASSERT(out.size() == close.size(), "ROC output must be as long as its input");
  // Same operations as Roc::update, reading the earlier close from the input.
  for (std::size_t i = 0; i < close.size(); ++i) {
    if (i < period) {
      out[i] = kNaN;
      continue;
    }
    const double earlier = close[i - period];
    out[i] = earlier != 0.0 ? (close[i] / earlier - 1.0) * 100.0 : 0.0;
  }
}

}  // namespace sigtrader::market::indicators
