#include "market/indicators/tema.hpp"

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

void tema(std::span<const double> in, std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(out.size() == in.size(), "TEMA output must be as long as its input");
  Tema state(period);
  for (std::size_t i = 0; i < in.size(); ++i)
    out[i] = state.update(in[i]);
}

}  // namespace sigtrader::market::indicators
