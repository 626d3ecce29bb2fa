#include "engine/channel_summary.hpp"

#include <algorithm>

namespace sigtrader::engine {
namespace {

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double value : values)
    sum += value;
  return sum / static_cast<double>(values.size());
}

// The median of the durations; the mean of the middle two for an even count.
std::optional<core::Duration> median(std::vector<core::Duration> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return core::Duration::nanoseconds((values[middle - 1].count_ns() + values[middle].count_ns()) /
                                     2);
}

}  // namespace

risk::ChannelTrust ChannelSummary::trust() const {
  return risk::ChannelTrust{win_rate.value_or(0), avg_win_r.value_or(0), static_cast<int>(filled)};
}

ChannelSummary summarize_channel(const core::ChannelId& channel,
                                 std::span<const SignalResult> results,
                                 core::Money starting_equity) {
  ChannelSummary summary;
  summary.channel = channel;
  std::vector<double> all_r;
  std::vector<double> win_r;
  std::vector<double> pnls;
  std::vector<core::Duration> to_tp1;
  std::vector<std::size_t> levels_reached;  // level i: filled signals that reached it
  std::vector<std::size_t> levels_offered;  // level i: filled signals that had it
  std::vector<const SignalResult*> closed;
  for (const SignalResult& result : results) {
    ++summary.signals;
    ++summary.outcomes[result.outcome];
    if (!result.filled) continue;
    ++summary.filled;
    const bool win = result.pnl.is_positive();
    ++(win ? summary.wins : summary.losses);
    summary.total_pnl += result.pnl;
    pnls.push_back(result.pnl.to_double());
    if (result.r_multiple) {
      all_r.push_back(*result.r_multiple);
      if (win) win_r.push_back(*result.r_multiple);
    }
    if (levels_offered.size() < result.target_count) {
      levels_offered.resize(result.target_count, 0);
      levels_reached.resize(result.target_count, 0);
    }
    for (std::size_t level = 0; level < result.target_count; ++level) {
      ++levels_offered[level];
      if (level < result.targets_hit) ++levels_reached[level];
    }
    if (result.first_target_at && result.opened_at) {
      to_tp1.push_back(*result.first_target_at - *result.opened_at);
    }
    if (result.closed_at) closed.push_back(&result);
  }
  if (summary.filled > 0) {
    summary.win_rate = static_cast<double>(summary.wins) / static_cast<double>(summary.filled);
    summary.expectancy = mean(pnls);
  }
  summary.avg_r = mean(all_r);
  summary.avg_win_r = mean(win_r);
  for (std::size_t level = 0; level < levels_offered.size(); ++level) {
    summary.tp_hit_rate.push_back(static_cast<double>(levels_reached[level]) /
                                  static_cast<double>(levels_offered[level]));
  }
  summary.median_time_to_tp1 = median(std::move(to_tp1));

  std::stable_sort(closed.begin(), closed.end(), [](const SignalResult* a, const SignalResult* b) {
    return *a->closed_at < *b->closed_at;
  });
  core::Money cumulative;
  double peak = starting_equity.to_double();
  for (const SignalResult* result : closed) {
    cumulative += result->pnl;
    summary.pnl_curve.push_back(PnlPoint{*result->closed_at, cumulative});
    const double equity = starting_equity.to_double() + cumulative.to_double();
    peak = std::max(peak, equity);
    if (peak > 0) summary.max_drawdown = std::max(summary.max_drawdown, (peak - equity) / peak);
  }
  return summary;
}

}  // namespace sigtrader::engine
