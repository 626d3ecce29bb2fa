#include "market/indicators/ema.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/dema.hpp"
#include "market/indicators/tema.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Ema, IsSeededWithTheSmaOfTheFirstNValues) {
  // EMA(3), alpha = 2/(3+1) = 0.5, of 1..5: seed SMA(1,2,3) = 2, then 2 + 0.5*(4-2) = 3, then
  // 3 + 0.5*(5-3) = 4.
  const std::vector<double> in = {1, 2, 3, 4, 5};
  std::vector<double> out(in.size());
  ema(in, 3, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_EQ(out[2], 2.0);
  EXPECT_EQ(out[3], 3.0);
  EXPECT_EQ(out[4], 4.0);
}

TEST(Ema, FollowsAJumpByAlphaOfTheGap) {
  // EMA(3) of 1,2,3,10,4: seed 2, then 2 + 0.5*(10-2) = 6, then 6 + 0.5*(4-6) = 5.
  const std::vector<double> in = {1, 2, 3, 10, 4};
  std::vector<double> out(in.size());
  ema(in, 3, out);
  EXPECT_EQ(out[3], 6.0);
  EXPECT_EQ(out[4], 5.0);
}

TEST(Ema, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 2U, 21U, 200U}) {
    std::vector<double> batch(walk.close.size());
    ema(walk.close, period, batch);
    Ema streaming(period);
    std::vector<double> streamed;
    for (double close : walk.close)
      streamed.push_back(streaming.update(close));
    expect_identical(batch, streamed, "ema");
    EXPECT_EQ(leading_nans(batch), Ema::lookback(period));
    EXPECT_EQ(streaming.value(), batch.back());
  }
}

TEST(Dema, IsTwiceTheEmaMinusTheEmaOfTheEma) {
  // DEMA(2), alpha 2/3, of 1,2,4,8: e1 = 1.5, 19/6, 115/18 (seed (1+2)/2, then e + 2/3(x-e));
  // e2 seeded with (1.5 + 19/6)/2 = 7/3 at index 2, then 7/3 + 2/3(115/18 - 7/3) = 136/27.
  // DEMA[2] = 2*19/6 - 7/3 = 4; DEMA[3] = 2*115/18 - 136/27 = 209/27.
  const std::vector<double> in = {1, 2, 4, 8};
  std::vector<double> out(in.size());
  dema(in, 2, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_NEAR(out[2], 4.0, 1e-12);
  EXPECT_NEAR(out[3], 209.0 / 27.0, 1e-12);
  EXPECT_EQ(Dema::lookback(2), 2U);
}

TEST(Dema, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  std::vector<double> batch(walk.close.size());
  dema(walk.close, 20, batch);
  Dema streaming(20);
  std::vector<double> streamed;
  for (double close : walk.close)
    streamed.push_back(streaming.update(close));
  expect_identical(batch, streamed, "dema");
  EXPECT_EQ(leading_nans(batch), 38U);
}

TEST(Tema, LookbackIsThreeTimesPeriodMinusOne) {
  const auto walk = make_random_walk(500);
  std::vector<double> out(walk.close.size());
  tema(walk.close, 10, out);
  EXPECT_EQ(leading_nans(out), 27U);
  EXPECT_EQ(Tema::lookback(10), 27U);
}

TEST(Tema, ConstantInputGivesTheConstant) {
  const std::vector<double> in(30, 7.25);
  std::vector<double> out(in.size());
  tema(in, 4, out);
  for (std::size_t i = Tema::lookback(4); i < in.size(); ++i)
    EXPECT_EQ(out[i], 7.25);
}

TEST(Tema, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  std::vector<double> batch(walk.close.size());
  tema(walk.close, 9, batch);
  Tema streaming(9);
  std::vector<double> streamed;
  for (double close : walk.close)
    streamed.push_back(streaming.update(close));
  expect_identical(batch, streamed, "tema");
}

}  // namespace
}  // namespace sigtrader::market::indicators
