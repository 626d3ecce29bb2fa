#pragma once

#include <cstddef>
#include <span>

#include "market/indicators/atr.hpp"
#include "market/indicators/nan.hpp"

namespace sigtrader::market::indicators {

// One ADX output; +DI and -DI exist from bar n, ADX from bar 2n-1.
struct AdxValue {
  double adx = kNaN;
  double plus_di = kNaN;
  double minus_di = kNaN;
};

// Average directional index with +DI/-DI, Wilder's rules as TA-Lib applies them:
// +DM = high - previous high when that exceeds previous low - low and is positive (-DM
// mirrored). DM and TR sums are seeded over bars 1..n-1 and then Wilder-smoothed,
// s = s - s/n + x, from bar n, where DI = 100 * DM / TR (lookback n; 0 when TR is 0).
// DX = 100 * |+DI - -DI| / (+DI + -DI) (0 when both are 0); ADX is seeded with the average of the
// first n DX values (lookback 2n-1), then adx = (adx * (n-1) + dx) / n.
class Adx {
 public:
  explicit Adx(std::size_t period);

  static std::size_t lookback(std::size_t period) { return 2 * period - 1; }
  static std::size_t di_lookback(std::size_t period) { return period; }
  bool ready() const { return bar_ >= 2 * period_; }

  AdxValue update(double high, double low, double close) {
    if (bar_ == 0) {
      remember(high, low, close);
      bar_ = 1;
      return {};
    }
    const double up = high - previous_high_;
    const double down = previous_low_ - low;
    const double plus_dm = (up > down && up > 0.0) ? up : 0.0;
    const double minus_dm = (down > up && down > 0.0) ? down : 0.0;
    const double range = true_range(high, low, previous_close_);
    remember(high, low, close);
    if (bar_ < period_) {
      plus_dm_ += plus_dm;
      minus_dm_ += minus_dm;
      range_ += range;
      ++bar_;
      return {};
    }
    plus_dm_ = plus_dm_ - plus_dm_ / divisor_ + plus_dm;
    minus_dm_ = minus_dm_ - minus_dm_ / divisor_ + minus_dm;
    range_ = range_ - range_ / divisor_ + range;
    const double plus_di = range_ != 0.0 ? 100.0 * (plus_dm_ / range_) : 0.0;
    const double minus_di = range_ != 0.0 ? 100.0 * (minus_dm_ / range_) : 0.0;
    const double sum = plus_di + minus_di;
    const double spread = plus_di > minus_di ? plus_di - minus_di : minus_di - plus_di;
    const double dx = sum != 0.0 ? 100.0 * (spread / sum) : 0.0;
    if (bar_ >= 2 * period_) [[likely]] {
      adx_ = (adx_ * smoothing_ + dx) / divisor_;
      return {adx_, plus_di, minus_di};
    }
    adx_ += dx;  // the sum of the first n DX values
    if (++bar_ < 2 * period_) return {kNaN, plus_di, minus_di};
    adx_ /= divisor_;
    return {adx_, plus_di, minus_di};
  }

 private:
  void remember(double high, double low, double close) {
    previous_high_ = high;
    previous_low_ = low;
    previous_close_ = close;
  }

  std::size_t period_;
  double divisor_;       // n
  double smoothing_;     // n - 1
  std::size_t bar_ = 0;  // bars seen, saturating at 2n
  double previous_high_ = 0.0;
  double previous_low_ = 0.0;
  double previous_close_ = 0.0;
  double plus_dm_ = 0.0;
  double minus_dm_ = 0.0;
  double range_ = 0.0;
  double adx_ = 0.0;
};

// Batch ADX/+DI/-DI with Adx's convention; all spans have the same length.
void adx(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         std::size_t period, std::span<double> adx_out, std::span<double> plus_di,
         std::span<double> minus_di);

}  // namespace sigtrader::market::indicators
