#include "analytics/daily.hpp"

namespace sigtrader::analytics {

std::vector<DayReturn> daily_returns(std::span<const EquityPoint> equity) {
  std::vector<DayReturn> days;
  if (equity.empty()) return days;
  double base = equity.front().equity;
  std::size_t i = 0;
  while (i < equity.size()) {
    const core::Timestamp day = equity[i].ts.start_of_day();
    // Walk to the day's last point.
    while (i + 1 < equity.size() && equity[i + 1].ts.start_of_day() == day)
      ++i;
    const double close = equity[i].equity;
    if (base > 0) days.push_back({day, close / base - 1.0});
    base = close;
    ++i;
  }
  return days;
}

BestWorstDays best_and_worst_days(std::span<const EquityPoint> equity) {
  BestWorstDays result;
  for (const DayReturn& day : daily_returns(equity)) {
    if (!result.best || day.value > result.best->value) result.best = day;
    if (!result.worst || day.value < result.worst->value) result.worst = day;
  }
  return result;
}

}  // namespace sigtrader::analytics
