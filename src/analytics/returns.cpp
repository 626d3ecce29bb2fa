#include "analytics/returns.hpp"

#include <cmath>
#include <limits>

#include "analytics/statistics.hpp"

namespace sigtrader::analytics {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSecondsPerYear = kDaysPerYear * 86'400.0;
}  // namespace

double periods_per_year(core::Duration period) {
  if (period <= core::Duration{}) return kNaN;
  return kSecondsPerYear / period.to_seconds();
}

double years(core::Duration span) {
  return span.to_seconds() / kSecondsPerYear;
}

std::vector<double> period_returns(std::span<const EquityPoint> equity) {
  std::vector<double> returns;
  if (equity.size() < 2) return returns;
  returns.reserve(equity.size() - 1);
  for (std::size_t i = 1; i < equity.size(); ++i) {
    const double previous = equity[i - 1].equity;
    if (previous <= 0) continue;
    returns.push_back(equity[i].equity / previous - 1.0);
  }
  return returns;
}

double total_return(double starting_equity, double final_equity) {
  if (starting_equity <= 0) return kNaN;
  return final_equity / starting_equity - 1.0;
}

double cagr(double starting_equity, double final_equity, core::Duration span) {
  if (starting_equity <= 0 || span <= core::Duration{}) return kNaN;
  if (final_equity <= 0) return -1.0;
  return std::pow(final_equity / starting_equity, 1.0 / years(span)) - 1.0;
}

double annualized_volatility(std::span<const double> returns, double periods_per_year) {
  return sample_stddev(returns) * std::sqrt(periods_per_year);
}

}  // namespace sigtrader::analytics
