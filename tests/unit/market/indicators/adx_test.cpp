#include "market/indicators/adx.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Adx, WorkedExampleWithWilderSmoothing) {
  // ADX(2). Bar 1: +DM 2 (12-10 > 8-9), -DM 0, TR 3: the seed sums.
  // Bar 2: +DM 0, -DM 2, TR 4. +DM = 2 - 2/2 + 0 = 1, -DM = 0 + 2 = 2, TR = 3 - 1.5 + 4 = 5.5;
  //   +DI = 200/11, -DI = 400/11, DX = 100 * (200/11) / (600/11) = 100/3.
  // Bar 3: +DM 2, -DM 0, TR max(3, |13-8|, |10-8|) = 5. +DM = 2.5, -DM = 1, TR = 7.75;
  //   DX = 100 * 1.5/3.5 = 300/7; ADX = (100/3 + 300/7)/2 = 800/21.
  // Bar 4: no DM, TR 1. +DM = 1.25, -DM = 0.5, TR = 4.875; DX = 100 * 0.75/1.75 = 300/7;
  //   ADX = (800/21 * 1 + 300/7)/2 = 850/21.
  const std::vector<double> high = {10, 12, 11, 13, 12};
  const std::vector<double> low = {8, 9, 7, 10, 11};
  const std::vector<double> close = {9, 11, 8, 12, 11.5};
  std::vector<double> out(5), plus(5), minus(5);
  adx(high, low, close, 2, out, plus, minus);
  EXPECT_EQ(leading_nans(plus), 2U);
  EXPECT_EQ(leading_nans(minus), 2U);
  EXPECT_EQ(leading_nans(out), 3U);
  EXPECT_NEAR(plus[2], 200.0 / 11.0, 1e-12);
  EXPECT_NEAR(minus[2], 400.0 / 11.0, 1e-12);
  EXPECT_NEAR(plus[3], 250.0 / 7.75, 1e-12);
  EXPECT_NEAR(out[3], 800.0 / 21.0, 1e-12);
  EXPECT_NEAR(out[4], 850.0 / 21.0, 1e-12);
}

TEST(Adx, LookbacksFollowTaLib) {
  EXPECT_EQ(Adx::lookback(14), 27U);
  EXPECT_EQ(Adx::di_lookback(14), 14U);
  const auto walk = make_random_walk(500);
  const std::size_t n = walk.close.size();
  std::vector<double> out(n), plus(n), minus(n);
  adx(walk.high, walk.low, walk.close, 14, out, plus, minus);
  EXPECT_EQ(leading_nans(out), 27U);
  EXPECT_EQ(leading_nans(plus), 14U);
  for (std::size_t i = 27; i < n; ++i) {
    EXPECT_GE(out[i], 0.0);
    EXPECT_LE(out[i], 100.0);
  }
}

TEST(Adx, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  const std::size_t n = walk.close.size();
  for (std::size_t period : {1U, 2U, 14U}) {
    std::vector<double> out(n), plus(n), minus(n);
    adx(walk.high, walk.low, walk.close, period, out, plus, minus);
    Adx streaming(period);
    std::vector<double> streamed, streamed_plus, streamed_minus;
    for (std::size_t i = 0; i < n; ++i) {
      const AdxValue value = streaming.update(walk.high[i], walk.low[i], walk.close[i]);
      EXPECT_EQ(streaming.ready(), !std::isnan(value.adx));
      streamed.push_back(value.adx);
      streamed_plus.push_back(value.plus_di);
      streamed_minus.push_back(value.minus_di);
    }
    expect_identical(out, streamed, "adx");
    expect_identical(plus, streamed_plus, "+di");
    expect_identical(minus, streamed_minus, "-di");
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
