#include "market/indicators/atr.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Atr, TrueRangeCoversGapsFromThePreviousClose) {
  EXPECT_EQ(true_range(12, 10, 11), 2.0);  // inside bar: high - low
  EXPECT_EQ(true_range(15, 12, 11), 4.0);  // gap up: high - previous close
  EXPECT_EQ(true_range(13, 10, 14), 4.0);  // gap down: previous close - low
}

TEST(Atr, WilderSmoothingSeededByTheAverageOfTheFirstNTrueRanges) {
  // ATR(3). Bar 0 has no true range. TR1 = max(11-9, |11-9|, |9-9|) = 2;
  // TR2 = max(13-10, |13-10|, |10-10|) = 3; TR3 = max(12-11, |12-12|, |11-12|) = 1;
  // ATR3 = (2+3+1)/3 = 2. TR4 = max(15-12, |15-11.5|, |12-11.5|) = 3.5; ATR4 = (2*2+3.5)/3 = 2.5.
  // TR5 = max(13-10, |13-14|, |10-14|) = 4; ATR5 = (2.5*2+4)/3 = 3.
  const std::vector<double> high = {10, 11, 13, 12, 15, 13};
  const std::vector<double> low = {8, 9, 10, 11, 12, 10};
  const std::vector<double> close = {9, 10, 12, 11.5, 14, 10.5};
  std::vector<double> out(close.size());
  atr(high, low, close, 3, out);
  EXPECT_EQ(leading_nans(out), 3U);
  EXPECT_EQ(out[3], 2.0);
  EXPECT_EQ(out[4], 2.5);
  EXPECT_EQ(out[5], 3.0);
}

TEST(Atr, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 3U, 14U, 50U}) {
    std::vector<double> batch(walk.close.size());
    atr(walk.high, walk.low, walk.close, period, batch);
    Atr streaming(period);
    std::vector<double> streamed;
    for (std::size_t i = 0; i < walk.close.size(); ++i) {
      streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i]));
      EXPECT_EQ(streaming.ready(), !std::isnan(streamed.back()));
    }
    expect_identical(batch, streamed, "atr");
    EXPECT_EQ(leading_nans(batch), Atr::lookback(period));
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
