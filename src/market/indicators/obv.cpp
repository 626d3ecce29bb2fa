#include "market/indicators/obv.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void obv(std::span<const double> close, std::span<const double> volume, std::span<double> out) {
  SIGTRADER_ASSERT(volume.size() == close.size() && out.size() == close.size(),
                   "OBV inputs and output must have the same length");
  Obv state;
  for (std::size_t i = 0; i < close.size(); ++i)
    out[i] = state.update(close[i], volume[i]);
}

}  // namespace sigtrader::market::indicators
