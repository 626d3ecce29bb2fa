#include "analytics/exposure.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace sigtrader::analytics {

double exposure_time(std::span<const ClosedTrade> trades, core::Timestamp first,
                     core::Timestamp last) {
  if (trades.empty()) return 0;
  if (last <= first) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<core::Timestamp, core::Timestamp>> intervals;
  intervals.reserve(trades.size());
  for (const ClosedTrade& trade : trades) {
    const core::Timestamp begin = std::max(trade.entry_time, first);
    const core::Timestamp end = std::min(trade.exit_time, last);
    if (begin < end) intervals.emplace_back(begin, end);
  }
  std::sort(intervals.begin(), intervals.end());
  std::int64_t covered_ns = 0;
  std::size_t i = 0;
  while (i < intervals.size()) {
    const core::Timestamp begin = intervals[i].first;
    core::Timestamp end = intervals[i].second;
    // Merge every interval that starts before the current union ends.
    while (++i < intervals.size() && intervals[i].first <= end) {
      end = std::max(end, intervals[i].second);
    }
    covered_ns += (end - begin).count_ns();
  }
  return static_cast<double>(covered_ns) / static_cast<double>((last - first).count_ns());
}

}  // namespace sigtrader::analytics
