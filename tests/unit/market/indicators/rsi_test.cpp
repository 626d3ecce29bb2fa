#include "market/indicators/rsi.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Rsi, WilderSmoothingSeededBySimpleAverages) {
  // RSI(2) of 1,2,4,3,5,4: changes +1,+2,-1,+2,-1.
  // index 2: gain (1+2)/2 = 1.5, loss 0 -> 100.
  // index 3: gain (1.5*1 + 0)/2 = 0.75, loss (0 + 1)/2 = 0.5 -> 100*0.75/1.25 = 60.
  // index 4: gain (0.75 + 2)/2 = 1.375, loss 0.5/2 = 0.25 -> 100*1.375/1.625 = 1100/13.
  // index 5: gain 1.375/2 = 0.6875, loss (0.25 + 1)/2 = 0.625 -> 100*0.6875/1.3125 = 1100/21.
  const std::vector<double> in = {1, 2, 4, 3, 5, 4};
  std::vector<double> out(in.size());
  rsi(in, 2, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_EQ(out[2], 100.0);
  EXPECT_DOUBLE_EQ(out[3], 60.0);
  EXPECT_DOUBLE_EQ(out[4], 1100.0 / 13.0);
  EXPECT_DOUBLE_EQ(out[5], 1100.0 / 21.0);
}

TEST(Rsi, IsZeroForAFlatSeriesAndHundredWithoutLosses) {
  // TA-Lib's convention: no gains and no losses give 0; gains without losses give 100.
  const std::vector<double> flat(20, 50.0);
  std::vector<double> out(flat.size());
  rsi(flat, 14, out);
  for (std::size_t i = 14; i < out.size(); ++i)
    EXPECT_EQ(out[i], 0.0);
  std::vector<double> rising;
  for (int i = 0; i < 20; ++i)
    rising.push_back(10.0 + i);
  rsi(rising, 14, out);
  for (std::size_t i = 14; i < out.size(); ++i)
    EXPECT_EQ(out[i], 100.0);
}

TEST(Rsi, StaysBetweenZeroAndHundred) {
  const auto walk = make_random_walk(5000);
  std::vector<double> out(walk.close.size());
  rsi(walk.close, 14, out);
  EXPECT_EQ(leading_nans(out), 14U);
  for (std::size_t i = 14; i < out.size(); ++i) {
    EXPECT_GE(out[i], 0.0);
    EXPECT_LE(out[i], 100.0);
  }
}

TEST(Rsi, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 2U, 14U, 100U}) {
    std::vector<double> batch(walk.close.size());
    rsi(walk.close, period, batch);
    Rsi streaming(period);
    std::vector<double> streamed;
    for (double close : walk.close) {
      streamed.push_back(streaming.update(close));
      EXPECT_EQ(streaming.ready(), !std::isnan(streamed.back()));
    }
    expect_identical(batch, streamed, "rsi");
    EXPECT_EQ(leading_nans(batch), Rsi::lookback(period));
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
