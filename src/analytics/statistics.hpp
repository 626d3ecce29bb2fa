#pragma once

#include <span>

namespace sigtrader::analytics {

// Standard deviations at or below this are treated as zero: constant returns computed in floating
// point leave a residue of about 1e-17, which would otherwise turn into an absurd ratio.
inline constexpr double kNegligibleDeviation = 1e-12;

// Arithmetic mean; NaN for an empty series.
double mean(std::span<const double> values);

// Sample standard deviation (divides by n - 1); NaN for fewer than two values.
double sample_stddev(std::span<const double> values);

// numerator / denominator, where a zero denominator gives the limit: +inf for a positive
// numerator, -inf for a negative one, NaN for 0/0. Used for ratios such as the profit factor,
// where "no losses at all" is a meaningful, unbounded answer.
double ratio_or_limit(double numerator, double denominator);

}  // namespace sigtrader::analytics
