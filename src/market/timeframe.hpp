#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::market {

// Reads a candle timeframe as exchanges write it: "1m", "3m", "5m", "15m", "30m", "1h", "2h",
// "4h", "6h", "8h", "12h", "1d", "3d", "1w". Anything else is a kParse error listing the choices.
core::Result<core::Duration> parse_timeframe(std::string_view text);

// The exchange spelling of a timeframe ("1h", "1d", "1w"); durations that are not a whole number
// of minutes fall back to Duration::to_string().
std::string timeframe_to_string(core::Duration timeframe);

}  // namespace sigtrader::market
