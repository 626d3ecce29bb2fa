#include "execution/average_price.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sigtrader::execution {

core::Result<core::Price> average_price(core::Money notional, core::Quantity quantity,
                                        int price_scale) {
  if (quantity.is_zero()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("cannot average a notional of {} over a quantity of zero",
                                   notional.to_string()));
  }
  const int wanted =
      std::clamp(price_scale + kAveragePriceExtraDecimals, 0, core::Decimal::kMaxScale);
  for (int scale = wanted; scale >= 0; --scale) {
    auto quotient =
        core::checked_div(notional.decimal(), quantity.decimal(), scale, core::Rounding::kHalfEven);
    if (quotient) return core::Price(*quotient);
  }
  return core::Error(core::ErrorCode::kOverflow,
                     fmt::format("the average price {} / {} does not fit a decimal",
                                 notional.to_string(), quantity.to_string()));
}

}  // namespace sigtrader::execution
