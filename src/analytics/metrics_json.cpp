#include "analytics/metrics_json.hpp"

#include <cmath>
#include <cstdint>

namespace sigtrader::analytics {
namespace {

boost::json::value number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

boost::json::value count(std::size_t n) {
  return static_cast<std::uint64_t>(n);
}

boost::json::value day(const std::optional<DayReturn>& d) {
  if (!d) return nullptr;
  boost::json::object object;
  object["date"] = d->day.date_string();
  object["return"] = number(d->value);
  return object;
}

}  // namespace

boost::json::object to_json(const PerformanceMetrics& m) {
  boost::json::object o;
  o["net_profit"] = number(m.net_profit);
  o["total_return"] = number(m.total_return);
  o["cagr"] = number(m.cagr);
  o["annualized_volatility"] = number(m.annualized_volatility);
  o["sharpe"] = number(m.sharpe);
  o["sortino"] = number(m.sortino);
  o["calmar"] = number(m.calmar);
  o["value_at_risk_95"] = number(m.value_at_risk_95);
  o["conditional_value_at_risk_95"] = number(m.conditional_value_at_risk_95);
  o["max_drawdown"] = number(m.max_drawdown);
  o["max_drawdown_money"] = number(m.max_drawdown_money);
  o["max_drawdown_duration_seconds"] = number(m.max_drawdown_duration.to_seconds());
  o["ulcer_index"] = number(m.ulcer_index);
  o["recovery_factor"] = number(m.recovery_factor);
  o["trade_count"] = count(m.trade_count);
  o["winning_trades"] = count(m.winning_trades);
  o["losing_trades"] = count(m.losing_trades);
  o["win_rate"] = number(m.win_rate);
  o["profit_factor"] = number(m.profit_factor);
  o["expectancy"] = number(m.expectancy);
  o["payoff_ratio"] = number(m.payoff_ratio);
  o["average_win"] = number(m.average_win);
  o["average_loss"] = number(m.average_loss);
  o["largest_win"] = number(m.largest_win);
  o["largest_loss"] = number(m.largest_loss);
  o["max_consecutive_wins"] = count(m.max_consecutive_wins);
  o["max_consecutive_losses"] = count(m.max_consecutive_losses);
  o["exposure_time"] = number(m.exposure_time);
  o["average_trade_duration_seconds"] = number(m.average_trade_duration.to_seconds());
  o["trades_per_day"] = number(m.trades_per_day);
  o["total_fees"] = number(m.total_fees);
  o["total_slippage"] = number(m.total_slippage);
  o["kelly_fraction"] = number(m.kelly_fraction);
  o["sqn"] = number(m.sqn);
  o["best_day"] = day(m.best_day);
  o["worst_day"] = day(m.worst_day);
  return o;
}

}  // namespace sigtrader::analytics
