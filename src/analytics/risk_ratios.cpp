#include "analytics/risk_ratios.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "analytics/statistics.hpp"

namespace sigtrader::analytics {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_excess(std::span<const double> returns, double per_period_rf) {
  return mean(returns) - per_period_rf;
}
}  // namespace

double per_period_risk_free(double annual_risk_free_rate, double periods_per_year) {
  if (annual_risk_free_rate == 0) return 0;
  return annual_risk_free_rate / periods_per_year;
}

double sharpe_ratio(std::span<const double> returns, double periods_per_year,
                    double annual_risk_free_rate) {
  const double deviation = sample_stddev(returns);
  if (std::isnan(deviation) || deviation <= kNegligibleDeviation) return kNaN;
  const double rf = per_period_risk_free(annual_risk_free_rate, periods_per_year);
  return mean_excess(returns, rf) / deviation * std::sqrt(periods_per_year);
}

double downside_deviation(std::span<const double> returns, double target) {
  if (returns.empty()) return kNaN;
  double sum_squares = 0;
  for (double r : returns) {
    const double shortfall = std::min(0.0, r - target);
    sum_squares += shortfall * shortfall;
  }
  return std::sqrt(sum_squares / static_cast<double>(returns.size()));
}

double sortino_ratio(std::span<const double> returns, double periods_per_year,
                     double annual_risk_free_rate) {
  if (returns.empty()) return kNaN;
  const double rf = per_period_risk_free(annual_risk_free_rate, periods_per_year);
  const double excess = mean_excess(returns, rf);
  const double deviation = downside_deviation(returns, rf);
  if (deviation <= kNegligibleDeviation) {
    return excess > 0 ? std::numeric_limits<double>::infinity() : kNaN;
  }
  return excess / deviation * std::sqrt(periods_per_year);
}

double calmar_ratio(double cagr, double max_drawdown) {
  if (std::isnan(cagr)) return kNaN;
  return ratio_or_limit(cagr, std::fabs(max_drawdown));
}

TailRisk historical_tail_risk(std::span<const double> returns, double confidence) {
  if (returns.empty()) return {kNaN, kNaN};
  std::vector<double> sorted(returns.begin(), returns.end());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  // The small epsilon keeps (1 - 0.95) * 20 = 1.0000000000000009 from rounding up to 2.
  const auto tail = static_cast<std::size_t>(std::ceil((1.0 - confidence) * n - 1e-9));
  const std::size_t k = std::clamp<std::size_t>(tail, 1, sorted.size());
  double tail_sum = 0;
  for (std::size_t i = 0; i < k; ++i)
    tail_sum += sorted[i];
  // 0.0 - x rather than -x: a flat tail reports 0, not -0.
  return {0.0 - sorted[k - 1], 0.0 - tail_sum / static_cast<double>(k)};
}

}  // namespace sigtrader::analytics
