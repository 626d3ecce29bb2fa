#include "analytics/drawdown.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sigtrader::analytics {

DrawdownStats compute_drawdown(std::span<const EquityPoint> equity) {
  DrawdownStats stats;
  if (equity.empty()) {
    stats.ulcer_index = std::numeric_limits<double>::quiet_NaN();
    return stats;
  }
  double peak = equity.front().equity;
  core::Timestamp peak_time = equity.front().ts;
  bool below_peak = false;
  double sum_squared_percent = 0;
  for (const EquityPoint& point : equity) {
    if (point.equity >= peak) {
      // Regained (or passed) the peak: the drawdown that began at peak_time has ended here.
      if (below_peak) stats.max_duration = std::max(stats.max_duration, point.ts - peak_time);
      below_peak = false;
      peak = point.equity;
      peak_time = point.ts;
      continue;
    }
    below_peak = true;
    const double fall = peak - point.equity;
    const double depth = peak > 0 ? fall / peak : 0.0;
    stats.max_depth = std::max(stats.max_depth, depth);
    stats.max_depth_money = std::max(stats.max_depth_money, fall);
    sum_squared_percent += (100.0 * depth) * (100.0 * depth);
  }
  // A drawdown still open at the end lasts until the last point.
  if (below_peak) stats.max_duration = std::max(stats.max_duration, equity.back().ts - peak_time);
  stats.ulcer_index = std::sqrt(sum_squared_percent / static_cast<double>(equity.size()));
  return stats;
}

}  // namespace sigtrader::analytics
