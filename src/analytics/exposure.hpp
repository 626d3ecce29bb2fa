#pragma once

#include <span>

#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// Fraction of [first, last] during which at least one trade was open: the union of the trades'
// [entry, exit] intervals (overlaps counted once, clipped to the span) over the span's length.
// 0 with no trades; NaN for trades over an empty or zero-length span.
double exposure_time(std::span<const ClosedTrade> trades, core::Timestamp first,
                     core::Timestamp last);

}  // namespace sigtrader::analytics
