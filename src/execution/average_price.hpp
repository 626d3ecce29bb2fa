#pragma once

#include "core/money.hpp"
#include "core/result.hpp"

namespace sigtrader::execution {

// Extra decimals an average price keeps beyond the finest price that went into it, so that the
// average of 100 and 101 is 100.5 and of 0.00001234 and 0.00001235 is 0.000012345.
inline constexpr int kAveragePriceExtraDecimals = 4;

// notional / quantity as a price: the average of fills (or of a position's entries) whose
// Σ price × quantity is `notional`. The result has `price_scale` + kAveragePriceExtraDecimals
// decimals (at most 18, fewer when the value would not fit 64 bits) and is rounded half-even.
// Callers keep the exact notional and recompute the average from it, so rounding never drifts.
// kInvalidArgument for a zero quantity; kOverflow when no scale fits.
core::Result<core::Price> average_price(core::Money notional, core::Quantity quantity,
                                        int price_scale);

}  // namespace sigtrader::execution
