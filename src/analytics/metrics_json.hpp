#pragma once

#include <boost/json/object.hpp>

#include "analytics/metrics.hpp"

namespace sigtrader::analytics {

// Every metric under its snake_case field name (total_return, sharpe, max_drawdown, ...).
// Fractions stay fractions; durations are seconds in `*_seconds` fields; best_day and worst_day
// are {"date": "2024-01-01", "return": 0.05}. JSON has no NaN or infinity, so both are written as
// null: null means "undefined for this input" (no trades, zero volatility) or "unbounded" (a
// profit factor with no losing trades); the header of each metric says which applies.
boost::json::object to_json(const PerformanceMetrics& metrics);

}  // namespace sigtrader::analytics
