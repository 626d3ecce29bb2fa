#include "market/indicators/vwap.hpp"

namespace sigtrader::market::indicators {

void vwap(std::span<const std::int64_t> time_ns, std::span<const double> high,
          std::span<const double> low, std::span<const double> close,
          std::span<const double> volume, std::span<double> out, std::int64_t session_ns) {
  SIGTRADER_ASSERT(time_ns.size() == close.size() && high.size() == close.size() &&
                       low.size() == close.size() && volume.size() == close.size() &&
                       out.size() == close.size(),
                   "VWAP inputs and output must have the same length");
  Vwap state(session_ns);
  for (std::size_t i = 0; i < close.size(); ++i) {
    out[i] = state.update(time_ns[i], high[i], low[i], close[i], volume[i]);
  }
}

}  // namespace sigtrader::market::indicators
