#include "analytics/metrics.hpp"

#include <algorithm>
#include <vector>

#include "analytics/drawdown.hpp"
#include "analytics/exposure.hpp"
#include "analytics/returns.hpp"
#include "analytics/risk_ratios.hpp"
#include "analytics/statistics.hpp"
#include "analytics/trade_stats.hpp"
#include "core/assert.hpp"

namespace sigtrader::analytics {
namespace {

void fill_returns(const MetricsInput& input, PerformanceMetrics& m) {
  const double final_equity =
      input.equity.empty() ? input.starting_equity : input.equity.back().equity;
  const core::Duration span =
      input.equity.empty() ? core::Duration{} : input.equity.back().ts - input.equity.front().ts;
  const std::vector<double> returns = period_returns(input.equity);
  const double per_year = periods_per_year(input.period);

  m.net_profit = final_equity - input.starting_equity;
  m.total_return = total_return(input.starting_equity, final_equity);
  m.cagr = cagr(input.starting_equity, final_equity, span);
  m.annualized_volatility = annualized_volatility(returns, per_year);
  m.sharpe = sharpe_ratio(returns, per_year, input.risk_free_rate);
  m.sortino = sortino_ratio(returns, per_year, input.risk_free_rate);
  const TailRisk tail = historical_tail_risk(returns, 0.95);
  m.value_at_risk_95 = tail.value_at_risk;
  m.conditional_value_at_risk_95 = tail.conditional_value_at_risk;
}

void fill_drawdown(const MetricsInput& input, PerformanceMetrics& m) {
  const DrawdownStats drawdown = compute_drawdown(input.equity);
  m.max_drawdown = drawdown.max_depth;
  m.max_drawdown_money = drawdown.max_depth_money;
  m.max_drawdown_duration = drawdown.max_duration;
  m.ulcer_index = drawdown.ulcer_index;
  m.calmar = calmar_ratio(m.cagr, m.max_drawdown);
  m.recovery_factor = ratio_or_limit(m.net_profit, m.max_drawdown_money);
}

void fill_trades(const MetricsInput& input, PerformanceMetrics& m) {
  const core::Timestamp first = input.equity.empty() ? core::Timestamp{} : input.equity.front().ts;
  const core::Timestamp last = input.equity.empty() ? core::Timestamp{} : input.equity.back().ts;
  const TradeStats trades = compute_trade_stats(input.trades, last - first);
  m.trade_count = trades.trade_count;
  m.winning_trades = trades.winning_trades;
  m.losing_trades = trades.losing_trades;
  m.win_rate = trades.win_rate;
  m.profit_factor = trades.profit_factor;
  m.expectancy = trades.expectancy;
  m.payoff_ratio = trades.payoff_ratio;
  m.average_win = trades.average_win;
  m.average_loss = trades.average_loss;
  m.largest_win = trades.largest_win;
  m.largest_loss = trades.largest_loss;
  m.max_consecutive_wins = trades.max_consecutive_wins;
  m.max_consecutive_losses = trades.max_consecutive_losses;
  m.average_trade_duration = trades.average_duration;
  m.trades_per_day = trades.trades_per_day;
  m.total_fees = trades.total_fees;
  m.total_slippage = trades.total_slippage;
  m.kelly_fraction = trades.kelly_fraction;
  m.sqn = trades.sqn;
  m.exposure_time = exposure_time(input.trades, first, last);
}

}  // namespace

PerformanceMetrics compute_metrics(const MetricsInput& input) {
  SIGTRADER_ASSERT(
      std::is_sorted(input.equity.begin(), input.equity.end(),
                     [](const EquityPoint& a, const EquityPoint& b) { return a.ts < b.ts; }),
      "compute_metrics: the equity curve must be time-ordered");
  PerformanceMetrics m;
  fill_returns(input, m);
  fill_drawdown(input, m);
  fill_trades(input, m);
  const BestWorstDays days = best_and_worst_days(input.equity);
  m.best_day = days.best;
  m.worst_day = days.worst;
  return m;
}

}  // namespace sigtrader::analytics
