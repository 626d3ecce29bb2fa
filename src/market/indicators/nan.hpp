#pragma once

#include <limits>

namespace sigtrader::market::indicators {

// What every indicator returns (or writes) while it is still inside its lookback.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace sigtrader::market::indicators
