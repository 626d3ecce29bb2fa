#pragma once

#include <span>
#include <vector>

#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// Crypto markets trade every day of the year, so annualisation uses 365 days of 24 hours (not the
// 252 trading days of equity markets).
inline constexpr double kDaysPerYear = 365.0;

// How many periods of the given length fit in a year of 365 days: 8760 for 1h, 365 for 1d.
// NaN for a zero or negative period.
double periods_per_year(core::Duration period);

// Length of `span` in years of 365 days.
double years(core::Duration span);

// Simple returns between consecutive points: equity[i] / equity[i-1] - 1. A step that starts from
// zero or negative equity has no defined return and is left out.
std::vector<double> period_returns(std::span<const EquityPoint> equity);

// final / starting - 1. NaN when starting equity is not positive.
double total_return(double starting_equity, double final_equity);

// Compound annual growth rate: (final / starting)^(1 / years) - 1 over `span`. -1 when the account
// ended at or below zero; NaN when starting equity is not positive or the span is not positive.
double cagr(double starting_equity, double final_equity, core::Duration span);

// Sample standard deviation of per-period returns scaled by sqrt(periods per year); NaN for fewer
// than two returns.
double annualized_volatility(std::span<const double> returns, double periods_per_year);

}  // namespace sigtrader::analytics
