#include "analytics/statistics.hpp"

#include <cmath>
#include <limits>

namespace sigtrader::analytics {

double mean(std::span<const double> values) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (double v : values)
    sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_stddev(std::span<const double> values) {
  if (values.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  // Two passes: the mean first, then squared deviations from it (no catastrophic cancellation).
  const double m = mean(values);
  double sum_squares = 0;
  for (double v : values)
    sum_squares += (v - m) * (v - m);
  return std::sqrt(sum_squares / static_cast<double>(values.size() - 1));
}

double ratio_or_limit(double numerator, double denominator) {
  if (denominator != 0) return numerator / denominator;
  if (numerator > 0) return std::numeric_limits<double>::infinity();
  if (numerator < 0) return -std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace sigtrader::analytics
