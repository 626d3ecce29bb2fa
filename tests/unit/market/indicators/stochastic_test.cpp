#include "market/indicators/stochastic.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/donchian.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

// Six bars shared by the hand-worked examples below.
const std::vector<double> kHigh = {10, 12, 11, 13, 14, 12};
const std::vector<double> kLow = {8, 9, 9, 10, 11, 10};
const std::vector<double> kClose = {9, 11, 10, 12, 13, 11};

TEST(Stochastic, SlowKAndDAreSimpleAveragesOfFastK) {
  // Fast %K(3): i2 100*(10-8)/(12-8) = 50; i3 100*(12-9)/(13-9) = 75; i4 100*(13-9)/(14-9) = 80;
  // i5 100*(11-10)/(14-10) = 25. Slow %K = SMA(2): 62.5, 77.5, 52.5. %D = SMA(2): 70, 65.
  std::vector<double> k(kClose.size()), d(kClose.size());
  stochastic(kHigh, kLow, kClose, 3, 2, 2, k, d);
  EXPECT_EQ(leading_nans(k), 4U);
  EXPECT_EQ(leading_nans(d), 4U);
  EXPECT_EQ(Stochastic::lookback(3, 2, 2), 4U);
  EXPECT_DOUBLE_EQ(k[4], 77.5);
  EXPECT_DOUBLE_EQ(d[4], 70.0);
  EXPECT_DOUBLE_EQ(k[5], 52.5);
  EXPECT_DOUBLE_EQ(d[5], 65.0);
}

TEST(Stochastic, StreamingMatchesBatchExactlyAndStaysInRange) {
  const auto walk = make_random_walk(5000);
  std::vector<double> k(walk.close.size()), d(walk.close.size());
  stochastic(walk.high, walk.low, walk.close, 14, 3, 3, k, d);
  Stochastic streaming(14, 3, 3);
  std::vector<double> streamed_k, streamed_d;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    const StochasticValue value = streaming.update(walk.high[i], walk.low[i], walk.close[i]);
    streamed_k.push_back(value.k);
    streamed_d.push_back(value.d);
  }
  expect_identical(k, streamed_k, "stoch k");
  expect_identical(d, streamed_d, "stoch d");
  EXPECT_EQ(leading_nans(k), 17U);
  // The slow %K is a running-sum SMA, so it may stray from [0, 100] by rounding only.
  for (std::size_t i = 17; i < k.size(); ++i) {
    EXPECT_GE(k[i], -1e-9);
    EXPECT_LE(k[i], 100.0 + 1e-9);
  }
}

TEST(WilliamsR, IsTheCloseBelowTheHighestHighAsANegativePercentOfTheRange) {
  // WILLR(3): i2 -100*(12-10)/(12-8) = -50; i3 -100*(13-12)/4 = -25; i4 -100*(14-13)/5 = -20;
  // i5 -100*(14-11)/(14-10) = -75.
  std::vector<double> out(kClose.size());
  williams_r(kHigh, kLow, kClose, 3, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_DOUBLE_EQ(out[2], -50.0);
  EXPECT_DOUBLE_EQ(out[3], -25.0);
  EXPECT_DOUBLE_EQ(out[4], -20.0);
  EXPECT_DOUBLE_EQ(out[5], -75.0);
}

TEST(WilliamsR, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  std::vector<double> batch(walk.close.size());
  williams_r(walk.high, walk.low, walk.close, 14, batch);
  WilliamsR streaming(14);
  std::vector<double> streamed;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i]));
  }
  expect_identical(batch, streamed, "willr");
}

TEST(Donchian, TracksTheHighestHighAndLowestLow) {
  // Donchian(3): i2 upper max(10,12,11) = 12, lower min(8,9,9) = 8, middle 10;
  // i5 upper max(13,14,12) = 14, lower min(10,11,10) = 10, middle 12.
  std::vector<double> upper(kHigh.size()), middle(kHigh.size()), lower(kHigh.size());
  donchian(kHigh, kLow, 3, upper, middle, lower);
  EXPECT_EQ(leading_nans(upper), 2U);
  EXPECT_EQ(upper[2], 12.0);
  EXPECT_EQ(lower[2], 8.0);
  EXPECT_EQ(middle[2], 10.0);
  EXPECT_EQ(upper[5], 14.0);
  EXPECT_EQ(lower[5], 10.0);
  EXPECT_EQ(middle[5], 12.0);
}

TEST(Donchian, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  const std::size_t n = walk.close.size();
  std::vector<double> upper(n), middle(n), lower(n);
  donchian(walk.high, walk.low, 20, upper, middle, lower);
  Donchian streaming(20);
  std::vector<double> streamed_upper, streamed_lower;
  for (std::size_t i = 0; i < n; ++i) {
    const DonchianValue value = streaming.update(walk.high[i], walk.low[i]);
    streamed_upper.push_back(value.upper);
    streamed_lower.push_back(value.lower);
  }
  expect_identical(upper, streamed_upper, "donchian upper");
  expect_identical(lower, streamed_lower, "donchian lower");
}

}  // namespace
}  // namespace sigtrader::market::indicators
