// Keltner channel, SuperTrend and Ichimoku: the channel- and cloud-style indicators.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/atr.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/ichimoku.hpp"
#include "market/indicators/keltner.hpp"
#include "market/indicators/super_trend.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Keltner, IsTheEmaPlusOrMinusAMultipleOfTheAtr) {
  const auto walk = make_random_walk(3000);
  const std::size_t n = walk.close.size();
  std::vector<double> upper(n), middle(n), lower(n), average(n), range(n);
  keltner(walk.high, walk.low, walk.close, 20, 2.0, 10, upper, middle, lower);
  ema(walk.close, 20, average);
  atr(walk.high, walk.low, walk.close, 10, range);
  EXPECT_EQ(leading_nans(upper), 19U);
  EXPECT_EQ(Keltner::lookback(20, 10), 19U);
  EXPECT_EQ(Keltner::lookback(5, 10), 10U);
  for (std::size_t i = 19; i < n; ++i) {
    ASSERT_EQ(middle[i], average[i]);
    ASSERT_EQ(upper[i], average[i] + 2.0 * range[i]);
    ASSERT_EQ(lower[i], average[i] - 2.0 * range[i]);
  }
  Keltner streaming(20, 2.0, 10);
  std::vector<double> streamed;
  for (std::size_t i = 0; i < n; ++i) {
    streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i]).upper);
  }
  expect_identical(upper, streamed, "keltner upper");
}

TEST(SuperTrend, WorkedExampleFlipsUpAndBackDown) {
  // SuperTrend(1, 1): ATR(1) is the true range from bar 1.
  // Bar 1: TR 1.5, hl2 10.5, bands 12 / 9; starts down on the upper band: 12.
  // Bar 2: TR 2.5, hl2 12.5, basic 15 / 10; upper stays 12 (15 is not lower, the close 10.5 did
  //   not cross 12), lower rises to 10; close 12.8 > 12 turns the trend up: line 10.
  // Bar 3: TR 1.8, hl2 11.75, basic 13.55 / 9.95; the previous close 12.8 crossed 12 so the upper
  //   resets to 13.55; lower keeps 10; close 11.2 stays above 10: up, line 10.
  // Bar 4: TR 2.2, hl2 10, basic 12.2 / 7.8; upper falls to 12.2, lower keeps 10; close 9.5 < 10
  //   turns the trend down: line 12.2.
  const std::vector<double> high = {10, 11, 13, 12.5, 11};
  const std::vector<double> low = {9, 10, 12, 11, 9};
  const std::vector<double> close = {9.5, 10.5, 12.8, 11.2, 9.5};
  std::vector<double> line(5), direction(5);
  super_trend(high, low, close, 1, 1.0, line, direction);
  EXPECT_EQ(leading_nans(line), 1U);
  EXPECT_EQ(line[1], 12.0);
  EXPECT_EQ(direction[1], -1.0);
  EXPECT_EQ(line[2], 10.0);
  EXPECT_EQ(direction[2], 1.0);
  EXPECT_EQ(line[3], 10.0);
  EXPECT_EQ(direction[3], 1.0);
  EXPECT_NEAR(line[4], 12.2, 1e-12);
  EXPECT_EQ(direction[4], -1.0);
}

TEST(SuperTrend, TheLineSitsOnTheRightSideOfTheClose) {
  const auto walk = make_random_walk(5000);
  const std::size_t n = walk.close.size();
  std::vector<double> line(n), direction(n);
  super_trend(walk.high, walk.low, walk.close, 10, 3.0, line, direction);
  EXPECT_EQ(leading_nans(line), 10U);
  SuperTrend streaming(10, 3.0);
  std::vector<double> streamed;
  for (std::size_t i = 0; i < n; ++i) {
    streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i]).line);
  }
  expect_identical(line, streamed, "supertrend");
  for (std::size_t i = 10; i < n; ++i) {
    if (direction[i] > 0) {
      ASSERT_LE(line[i], walk.close[i]) << i;
    } else {
      ASSERT_EQ(direction[i], -1.0);
      ASSERT_GE(line[i], walk.close[i]) << i;
    }
  }
}

TEST(Ichimoku, LeadingSpansAreShiftedForward) {
  // Ichimoku(2, 3, 4, displacement 2) with high = low = 1,3,2,6,4,5.
  // Tenkan(2): i1 2, i2 2.5, i3 4, i4 5, i5 4.5. Kijun(3): i2 2, i3 4, i4 4, i5 5.
  // Senkou A computed (tenkan+kijun)/2: i2 2.25, i3 4 -> visible two bars later at i4, i5.
  // Senkou B computed over 4 bars: i3 (6+1)/2 = 3.5 -> visible at i5.
  const std::vector<double> x = {1, 3, 2, 6, 4, 5};
  std::vector<double> tenkan(6), kijun(6), span_a(6), span_b(6);
  ichimoku(x, x, 2, 3, 4, 2, tenkan, kijun, span_a, span_b);
  EXPECT_EQ(leading_nans(tenkan), 1U);
  EXPECT_EQ(leading_nans(kijun), 2U);
  EXPECT_EQ(leading_nans(span_a), Ichimoku::senkou_a_lookback(2, 3, 2));
  EXPECT_EQ(leading_nans(span_b), Ichimoku::senkou_b_lookback(4, 2));
  EXPECT_EQ(tenkan[2], 2.5);
  EXPECT_EQ(tenkan[5], 4.5);
  EXPECT_EQ(kijun[5], 5.0);
  EXPECT_EQ(span_a[4], 2.25);
  EXPECT_EQ(span_a[5], 4.0);
  EXPECT_EQ(span_b[5], 3.5);
}

TEST(Ichimoku, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(3000);
  const std::size_t n = walk.close.size();
  std::vector<double> tenkan(n), kijun(n), span_a(n), span_b(n);
  ichimoku(walk.high, walk.low, 9, 26, 52, 26, tenkan, kijun, span_a, span_b);
  EXPECT_EQ(leading_nans(span_a), 51U);
  EXPECT_EQ(leading_nans(span_b), 77U);
  Ichimoku streaming(9, 26, 52, 26);
  std::vector<double> streamed_a, streamed_b;
  for (std::size_t i = 0; i < n; ++i) {
    const IchimokuValue value = streaming.update(walk.high[i], walk.low[i]);
    streamed_a.push_back(value.senkou_a);
    streamed_b.push_back(value.senkou_b);
  }
  expect_identical(span_a, streamed_a, "senkou a");
  expect_identical(span_b, streamed_b, "senkou b");
}

}  // namespace
}  // namespace sigtrader::market::indicators
