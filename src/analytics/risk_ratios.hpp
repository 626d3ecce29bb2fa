#pragma once

#include <span>

namespace sigtrader::analytics {

// The per-period risk-free return that matches an annual rate: annual / periods per year (simple,
// not compounded; the difference is negligible at bar spacings of a day or less).
double per_period_risk_free(double annual_risk_free_rate, double periods_per_year);

// Sharpe ratio: mean of (r - rf) over the sample standard deviation (n - 1) of r, times
// sqrt(periods per year). NaN for fewer than two returns or zero volatility.
double sharpe_ratio(std::span<const double> returns, double periods_per_year,
                    double annual_risk_free_rate);

// Downside deviation: sqrt of the mean over ALL n periods (not only the losing ones) of
// min(0, r - target)^2. NaN for an empty series.
double downside_deviation(std::span<const double> returns, double target);

// Sortino ratio: mean of (r - rf) over downside_deviation(returns, rf), times sqrt(periods per
// year). With no period below rf it is +inf when the mean excess return is positive, else NaN;
// NaN for an empty series.
double sortino_ratio(std::span<const double> returns, double periods_per_year,
                     double annual_risk_free_rate);

// Calmar ratio: CAGR / |max drawdown| (drawdown as a fraction). With no drawdown: +inf for a
// positive CAGR, -inf for a negative one, NaN for zero or NaN.
double calmar_ratio(double cagr, double max_drawdown);

// Historical value at risk and expected shortfall of per-period returns, as positive loss
// fractions (a VaR of 0.05 means "lose 5 % or more in the worst 5 % of periods").
struct TailRisk {
  double value_at_risk = 0;
  double conditional_value_at_risk = 0;
};

// Quantile rule: sort the n returns ascending and let k = ceil((1 - confidence) * n), at least 1.
// VaR is minus the k-th smallest return; CVaR is minus the mean of the k smallest returns. So with
// 20 returns at 95 % both use the single worst return, with 40 returns the two worst. NaN for both
// when there are no returns. A tail that holds only gains gives a negative number.
TailRisk historical_tail_risk(std::span<const double> returns, double confidence = 0.95);

}  // namespace sigtrader::analytics
