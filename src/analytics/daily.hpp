#pragma once

#include <optional>
#include <span>
#include <vector>

#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// The return of one UTC calendar day.
struct DayReturn {
  core::Timestamp day;  // UTC midnight that starts the day
  double value = 0;     // as a fraction: 0.05 is +5 %
};

// One return per UTC day that has at least one equity point: the equity at the day's last point
// over the equity at the previous such day's last point, minus 1. The first day is measured from
// the curve's first point. Days without points are skipped (the next day's return then spans the
// gap); a day whose base equity is not positive is left out.
std::vector<DayReturn> daily_returns(std::span<const EquityPoint> equity);

// The best and worst UTC day by return (the earliest day on a tie); nullopt for an empty curve.
struct BestWorstDays {
  std::optional<DayReturn> best;
  std::optional<DayReturn> worst;
};
BestWorstDays best_and_worst_days(std::span<const EquityPoint> equity);

}  // namespace sigtrader::analytics
