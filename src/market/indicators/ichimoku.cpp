#include "market/indicators/ichimoku.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Ichimoku::Ichimoku(std::size_t tenkan, std::size_t kijun, std::size_t senkou,
                   std::size_t displacement)
    : tenkan_period_(tenkan),
      kijun_period_(kijun),
      senkou_period_(senkou),
      tenkan_high_(tenkan),
      kijun_high_(kijun),
      senkou_high_(senkou),
      tenkan_low_(tenkan),
      kijun_low_(kijun),
      senkou_low_(senkou),
      leading_a_(displacement, kNaN),
      leading_b_(displacement, kNaN) {
  SIGTRADER_ASSERT(displacement >= 1, "Ichimoku displacement must be at least 1");
}

void ichimoku(std::span<const double> high, std::span<const double> low, std::size_t tenkan,
              std::size_t kijun, std::size_t senkou, std::size_t displacement,
              std::span<double> tenkan_out, std::span<double> kijun_out, std::span<double> senkou_a,
              std::span<double> senkou_b) {
  SIGTRADER_ASSERT(low.size() == high.size() && tenkan_out.size() == high.size() &&
                       kijun_out.size() == high.size() && senkou_a.size() == high.size() &&
                       senkou_b.size() == high.size(),
                   "Ichimoku inputs and outputs must have the same length");
  Ichimoku state(tenkan, kijun, senkou, displacement);
  for (std::size_t i = 0; i < high.size(); ++i) {
    const IchimokuValue value = state.update(high[i], low[i]);
    tenkan_out[i] = value.tenkan;
    kijun_out[i] = value.kijun;
    senkou_a[i] = value.senkou_a;
    senkou_b[i] = value.senkou_b;
  }
}

}  // namespace sigtrader::market::indicators
