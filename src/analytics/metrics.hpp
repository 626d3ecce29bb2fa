#pragma once

#include <cstddef>
#include <optional>

#include "analytics/daily.hpp"
#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// Every performance metric of a run, the same for backtest and live. Fractions are plain (0.21 is
// 21 %); money is in the quote currency; NaN means "undefined for this input" (documented per
// metric in returns.hpp, drawdown.hpp, risk_ratios.hpp, trade_stats.hpp, daily.hpp, exposure.hpp).
struct PerformanceMetrics {
  // Returns (returns.hpp). Total return is last equity over starting_equity; CAGR spans the curve.
  double net_profit = 0;  // last equity - starting equity
  double total_return = 0;
  double cagr = 0;
  double annualized_volatility = 0;
  // Risk-adjusted (risk_ratios.hpp), from per-period returns of the equity curve.
  double sharpe = 0;
  double sortino = 0;
  double calmar = 0;
  double value_at_risk_95 = 0;
  double conditional_value_at_risk_95 = 0;
  // Drawdown (drawdown.hpp).
  double max_drawdown = 0;
  double max_drawdown_money = 0;
  core::Duration max_drawdown_duration;
  double ulcer_index = 0;
  // net_profit / max_drawdown_money; +inf for a profit without drawdown, NaN for neither.
  double recovery_factor = 0;
  // Trades (trade_stats.hpp).
  std::size_t trade_count = 0;
  std::size_t winning_trades = 0;
  std::size_t losing_trades = 0;
  double win_rate = 0;
  double profit_factor = 0;
  double expectancy = 0;
  double payoff_ratio = 0;
  double average_win = 0;
  double average_loss = 0;
  double largest_win = 0;
  double largest_loss = 0;
  std::size_t max_consecutive_wins = 0;
  std::size_t max_consecutive_losses = 0;
  double exposure_time = 0;  // exposure.hpp
  core::Duration average_trade_duration;
  double trades_per_day = 0;
  double total_fees = 0;
  double total_slippage = 0;
  double kelly_fraction = 0;
  double sqn = 0;
  // Days (daily.hpp); nullopt for an empty curve.
  std::optional<DayReturn> best_day;
  std::optional<DayReturn> worst_day;
};

// All metrics of one run. The equity curve must be time-ordered (a bug otherwise). With an empty
// curve the final equity is taken to be the starting equity.
PerformanceMetrics compute_metrics(const MetricsInput& input);

}  // namespace sigtrader::analytics
