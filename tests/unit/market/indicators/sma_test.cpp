#include "market/indicators/sma.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/wma.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Sma, AveragesTheLastNValues) {
  // SMA(3) of 1..5: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4.
  const std::vector<double> in = {1, 2, 3, 4, 5};
  std::vector<double> out(in.size());
  sma(in, 3, out);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_EQ(out[2], 2.0);
  EXPECT_EQ(out[3], 3.0);
  EXPECT_EQ(out[4], 4.0);
}

TEST(Sma, LookbackIsPeriodMinusOne) {
  EXPECT_EQ(Sma::lookback(20), 19U);
  EXPECT_EQ(Sma(1).lookback(), 0U);
  const auto walk = make_random_walk(100);
  std::vector<double> out(walk.close.size());
  sma(walk.close, 20, out);
  EXPECT_EQ(leading_nans(out), 19U);
}

TEST(Sma, ShortInputIsAllNan) {
  const std::vector<double> in = {1, 2};
  std::vector<double> out(in.size());
  sma(in, 3, out);
  EXPECT_EQ(leading_nans(out), 2U);
}

TEST(Sma, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 2U, 14U, 200U}) {
    std::vector<double> batch(walk.close.size());
    sma(walk.close, period, batch);
    Sma streaming(period);
    std::vector<double> streamed;
    for (double close : walk.close) {
      streamed.push_back(streaming.update(close));
      EXPECT_EQ(streaming.ready(), !std::isnan(streamed.back()));
    }
    expect_identical(batch, streamed, "sma");
  }
}

TEST(Wma, WeightsTheNewestValueMost) {
  // WMA(3) of 1..5 with weights 1,2,3 over 6: (1+4+9)/6 = 14/6, (2+6+12)/6 = 20/6, (3+8+15)/6.
  const std::vector<double> in = {1, 2, 3, 4, 5};
  std::vector<double> out(in.size());
  wma(in, 3, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_DOUBLE_EQ(out[2], 14.0 / 6.0);
  EXPECT_DOUBLE_EQ(out[3], 20.0 / 6.0);
  EXPECT_DOUBLE_EQ(out[4], 26.0 / 6.0);
  EXPECT_EQ(Wma::lookback(3), 2U);
}

TEST(Wma, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 5U, 30U}) {
    std::vector<double> batch(walk.close.size());
    wma(walk.close, period, batch);
    Wma streaming(period);
    std::vector<double> streamed;
    for (double close : walk.close)
      streamed.push_back(streaming.update(close));
    expect_identical(batch, streamed, "wma");
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
