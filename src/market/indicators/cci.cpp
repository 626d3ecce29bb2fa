#include "market/indicators/cci.hpp"

#include <cmath>

#include "core/assert.hpp"

namespace sigtrader::market::indicators {

Cci::Cci(std::size_t period)
    : period_(period), divisor_(static_cast<double>(period)), window_(period, 0.0) {
  SIGTRADER_ASSERT(period >= 1, "CCI period must be at least 1");
}

double Cci::update(double high, double low, double close) {
  const double typical = (high + low + close) / 3.0;
  window_[head_] = typical;
  if (++head_ == period_) head_ = 0;
  if (count_ < period_ && ++count_ < period_) return kNaN;
  // Summed afresh, oldest first, so the mean carries no running-sum drift.
  double sum = 0.0;
  for (std::size_t i = 0; i < period_; ++i)
    sum += window_[(head_ + i) % period_];
  const double mean = sum / divisor_;
  double deviation = 0.0;
  for (std::size_t i = 0; i < period_; ++i) {
    deviation += std::fabs(window_[(head_ + i) % period_] - mean);
  }
  const double mean_deviation = deviation / divisor_;
  const double distance = typical - mean;
  if (distance == 0.0 || mean_deviation == 0.0) return 0.0;
  return distance / (0.015 * mean_deviation);
}

void cci(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> out) {
  SIGTRADER_ASSERT(
      high.size() == close.size() && low.size() == close.size() && out.size() == close.size(),
      "CCI inputs and output must have the same length");
  Cci state(period);
  for (std::size_t i = 0; i < close.size(); ++i)
    out[i] = state.update(high[i], low[i], close[i]);
}

}  // namespace sigtrader::market::indicators
