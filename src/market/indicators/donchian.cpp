#include "market/indicators/donchian.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void donchian(std::span<const double> high, std::span<const double> low, std::size_t period,
              std::span<double> upper, std::span<double> middle, std::span<double> lower) {
  SIGTRADER_ASSERT(low.size() == high.size() && upper.size() == high.size() &&
                       middle.size() == high.size() && lower.size() == high.size(),
                   "Donchian inputs and outputs must have the same length");
  Donchian state(period);
  for (std::size_t i = 0; i < high.size(); ++i) {
    const DonchianValue value = state.update(high[i], low[i]);
    upper[i] = value.upper;
    middle[i] = value.middle;
    lower[i] = value.lower;
  }
}

}  // namespace sigtrader::market::indicators
