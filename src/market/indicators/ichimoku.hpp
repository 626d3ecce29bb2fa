#pragma once

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "market/indicators/nan.hpp"
#include "market/indicators/rolling_extreme.hpp"

namespace sigtrader::market::indicators {

// One Ichimoku output, as visible on its bar (causal: the leading spans are the values computed
// `displacement` bars earlier). The lagging span (today's close drawn in the past) is left out:
// on a causal series it is just the close.
struct IchimokuValue {
  double tenkan = kNaN;
  double kijun = kNaN;
  double senkou_a = kNaN;
  double senkou_b = kNaN;
};

// Ichimoku Kinko Hyo (no TA-Lib function; Hosoda's definition): tenkan and kijun are the
// midpoints (highest high + lowest low) / 2 over their periods; senkou A = (tenkan + kijun) / 2
// and senkou B = the midpoint over the senkou period, both shifted forward `displacement` bars
// (the shift(26) of pandas-ta; TradingView draws them displacement-1 bars ahead).
// Lookbacks: tenkan t-1, kijun k-1, senkou A max(t, k)-1+d, senkou B s-1+d.
class Ichimoku {
 public:
  Ichimoku(std::size_t tenkan, std::size_t kijun, std::size_t senkou, std::size_t displacement);

  static std::size_t senkou_a_lookback(std::size_t tenkan, std::size_t kijun,
                                       std::size_t displacement) {
    return (tenkan > kijun ? tenkan : kijun) - 1 + displacement;
  }
  static std::size_t senkou_b_lookback(std::size_t senkou, std::size_t displacement) {
    return senkou - 1 + displacement;
  }
  bool ready() const { return ready_; }

  IchimokuValue update(double high, double low) {
    IchimokuValue value;
    value.tenkan = midpoint(tenkan_high_, tenkan_low_, tenkan_period_, high, low);
    value.kijun = midpoint(kijun_high_, kijun_low_, kijun_period_, high, low);
    const double senkou_b = midpoint(senkou_high_, senkou_low_, senkou_period_, high, low);
    // NaN propagates: no senkou A until both lines exist.
    const double senkou_a = (value.tenkan + value.kijun) / 2.0;
    value.senkou_a = leading_a_[head_];
    value.senkou_b = leading_b_[head_];
    leading_a_[head_] = senkou_a;
    leading_b_[head_] = senkou_b;
    if (++head_ == leading_a_.size()) head_ = 0;
    ready_ = !std::isnan(value.senkou_a) && !std::isnan(value.senkou_b);
    return value;
  }

 private:
  static double midpoint(RollingMax& highest, RollingMin& lowest, std::size_t period, double high,
                         double low) {
    const double top = highest.update(high);
    const double bottom = lowest.update(low);
    return highest.count() < period ? kNaN : (top + bottom) / 2.0;
  }

  std::size_t tenkan_period_, kijun_period_, senkou_period_;
  RollingMax tenkan_high_, kijun_high_, senkou_high_;
  RollingMin tenkan_low_, kijun_low_, senkou_low_;
  std::vector<double> leading_a_;  // the last `displacement` senkou values, NaN-filled
  std::vector<double> leading_b_;
  std::size_t head_ = 0;
  bool ready_ = false;
};

// Batch Ichimoku with Ichimoku's convention; all spans have the same length.
void ichimoku(std::span<const double> high, std::span<const double> low, std::size_t tenkan,
              std::size_t kijun, std::size_t senkou, std::size_t displacement,
              std::span<double> tenkan_out, std::span<double> kijun_out, std::span<double> senkou_a,
              std::span<double> senkou_b);

}  // namespace sigtrader::market::indicators
