#include "market/indicators/mfi.hpp"

namespace sigtrader::market::indicators {

void mfi(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::span<const double> volume, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(high.size() == close.size() && low.size() == close.size() &&
                       volume.size() == close.size() && out.size() == close.size(),
                   "MFI inputs and output must have the same length");
  Mfi state(period);
  for (std::size_t i = 0; i < close.size(); ++i) {
    out[i] = state.update(high[i], low[i], close[i], volume[i]);
  }
}

}  // namespace sigtrader::market::indicators
