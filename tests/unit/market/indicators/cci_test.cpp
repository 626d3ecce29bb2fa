#include "market/indicators/cci.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/mfi.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Cci, DividesTheDistanceFromTheMeanByScaledMeanDeviation) {
  // Typical prices (h+l+c)/3: bar 1 is (3+1+2)/3 = 2, the others have h = l = c.
  // CCI(3) of 1,2,3,5,4: i2 mean 2, mean deviation (1+0+1)/3 = 2/3, (3-2)/(0.015*2/3) = 100;
  // i3 mean 10/3, mean deviation (4/3+1/3+5/3)/3 = 10/9, (5-10/3)/(0.015*10/9) = 100;
  // i4 window 3,5,4 mean 4, the close sits on the mean: 0.
  const std::vector<double> high = {1, 3, 3, 5, 4};
  const std::vector<double> low = {1, 1, 3, 5, 4};
  const std::vector<double> close = {1, 2, 3, 5, 4};
  std::vector<double> out(close.size());
  cci(high, low, close, 3, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_NEAR(out[2], 100.0, 1e-9);
  EXPECT_NEAR(out[3], 100.0, 1e-9);
  EXPECT_EQ(out[4], 0.0);
}

TEST(Cci, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(3000);
  std::vector<double> batch(walk.close.size());
  cci(walk.high, walk.low, walk.close, 20, batch);
  Cci streaming(20);
  std::vector<double> streamed;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i]));
  }
  expect_identical(batch, streamed, "cci");
  EXPECT_EQ(leading_nans(batch), Cci::lookback(20));
}

TEST(Mfi, SharesOfPositiveMoneyFlow) {
  // MFI(2), h = l = c so the typical price is the close; closes 10,11,10,12, volumes 1..4.
  // Flows: bar 1 up 11*2 = 22, bar 2 down 10*3 = 30, bar 3 up 12*4 = 48.
  // i2: 100*22/(22+30) = 550/13; i3: 100*48/(48+30) = 800/13.
  const std::vector<double> close = {10, 11, 10, 12};
  const std::vector<double> volume = {1, 2, 3, 4};
  std::vector<double> out(close.size());
  mfi(close, close, close, volume, 2, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_DOUBLE_EQ(out[2], 550.0 / 13.0);
  EXPECT_DOUBLE_EQ(out[3], 800.0 / 13.0);
}

TEST(Mfi, StreamingMatchesBatchExactlyAndStaysInRange) {
  const auto walk = make_random_walk(5000);
  std::vector<double> batch(walk.close.size());
  mfi(walk.high, walk.low, walk.close, walk.volume, 14, batch);
  Mfi streaming(14);
  std::vector<double> streamed;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    streamed.push_back(streaming.update(walk.high[i], walk.low[i], walk.close[i], walk.volume[i]));
  }
  expect_identical(batch, streamed, "mfi");
  EXPECT_EQ(leading_nans(batch), 14U);
  for (std::size_t i = 14; i < batch.size(); ++i) {
    EXPECT_GE(batch[i], -1e-9);
    EXPECT_LE(batch[i], 100.0 + 1e-9);
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
