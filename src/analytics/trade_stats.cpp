#include "analytics/trade_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "analytics/statistics.hpp"
#include "core/int128.hpp"

namespace sigtrader::analytics {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSecondsPerDay = 86'400.0;

void count_streaks(std::span<const ClosedTrade> trades, TradeStats& stats) {
  std::vector<const ClosedTrade*> by_exit;
  by_exit.reserve(trades.size());
  for (const ClosedTrade& trade : trades)
    by_exit.push_back(&trade);
  std::stable_sort(by_exit.begin(), by_exit.end(), [](const ClosedTrade* a, const ClosedTrade* b) {
    return a->exit_time < b->exit_time;
  });
  std::size_t wins = 0;
  std::size_t losses = 0;
  for (const ClosedTrade* trade : by_exit) {
    wins = trade->pnl > 0 ? wins + 1 : 0;
    losses = trade->pnl < 0 ? losses + 1 : 0;
    stats.max_consecutive_wins = std::max(stats.max_consecutive_wins, wins);
    stats.max_consecutive_losses = std::max(stats.max_consecutive_losses, losses);
  }
}

double system_quality_number(std::span<const ClosedTrade> trades) {
  const bool all_have_r = std::all_of(
      trades.begin(), trades.end(), [](const ClosedTrade& t) { return t.r_multiple.has_value(); });
  std::vector<double> values;
  values.reserve(trades.size());
  for (const ClosedTrade& trade : trades) {
    values.push_back(all_have_r ? *trade.r_multiple : trade.pnl);
  }
  const double deviation = sample_stddev(values);
  if (std::isnan(deviation) || deviation <= kNegligibleDeviation) return kNaN;
  return std::sqrt(static_cast<double>(values.size())) * mean(values) / deviation;
}

double kelly(double win_rate, double payoff_ratio) {
  if (std::isnan(payoff_ratio) || payoff_ratio <= 0) return kNaN;
  if (std::isinf(payoff_ratio)) return win_rate;
  return win_rate - (1.0 - win_rate) / payoff_ratio;
}
}  // namespace

TradeStats compute_trade_stats(std::span<const ClosedTrade> trades, core::Duration span) {
  TradeStats stats;
  stats.trade_count = trades.size();
  double pnl_sum = 0;
  // 128 bits: 10^4 trades of a month each already pass the 2^63 ns of an int64.
  core::Int128 duration_ns_sum = 0;
  double largest_win = kNaN;
  double largest_loss = kNaN;
  for (const ClosedTrade& trade : trades) {
    pnl_sum += trade.pnl;
    stats.total_fees += trade.fees;
    stats.total_slippage += trade.slippage;
    duration_ns_sum += (trade.exit_time - trade.entry_time).count_ns();
    if (trade.pnl > 0) {
      ++stats.winning_trades;
      stats.gross_profit += trade.pnl;
      largest_win = std::isnan(largest_win) ? trade.pnl : std::max(largest_win, trade.pnl);
    } else if (trade.pnl < 0) {
      ++stats.losing_trades;
      stats.gross_loss += trade.pnl;
      largest_loss = std::isnan(largest_loss) ? trade.pnl : std::min(largest_loss, trade.pnl);
    }
  }
  stats.largest_win = largest_win;
  stats.largest_loss = largest_loss;

  const auto count = static_cast<double>(stats.trade_count);
  const auto wins = static_cast<double>(stats.winning_trades);
  const auto losses = static_cast<double>(stats.losing_trades);
  stats.win_rate = stats.trade_count > 0 ? wins / count : kNaN;
  stats.expectancy = stats.trade_count > 0 ? pnl_sum / count : kNaN;
  stats.average_win = stats.winning_trades > 0 ? stats.gross_profit / wins : kNaN;
  stats.average_loss = stats.losing_trades > 0 ? stats.gross_loss / losses : kNaN;
  stats.profit_factor = ratio_or_limit(stats.gross_profit, -stats.gross_loss);
  if (stats.losing_trades == 0) {
    stats.payoff_ratio = ratio_or_limit(stats.gross_profit, 0);
  } else {
    stats.payoff_ratio = stats.winning_trades > 0 ? stats.average_win / -stats.average_loss : 0.0;
  }
  stats.kelly_fraction = kelly(stats.win_rate, stats.payoff_ratio);
  stats.sqn = system_quality_number(trades);
  if (stats.trade_count > 0) {
    stats.average_duration =
        core::Duration::nanoseconds(static_cast<std::int64_t>(duration_ns_sum / stats.trade_count));
    const double days = span.to_seconds() / kSecondsPerDay;
    stats.trades_per_day = days > 0 ? count / days : kNaN;
  }
  count_streaks(trades, stats);
  return stats;
}

}  // namespace sigtrader::analytics
