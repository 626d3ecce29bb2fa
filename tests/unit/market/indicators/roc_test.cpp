#include "market/indicators/roc.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/obv.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(Roc, IsThePercentChangeOverNBars) {
  // ROC(2) of 10,11,12,9: i2 (12/10 - 1)*100 = 20; i3 (9/11 - 1)*100 = -200/11.
  const std::vector<double> in = {10, 11, 12, 9};
  std::vector<double> out(in.size());
  roc(in, 2, out);
  EXPECT_EQ(leading_nans(out), 2U);
  EXPECT_NEAR(out[2], 20.0, 1e-12);
  EXPECT_NEAR(out[3], -200.0 / 11.0, 1e-12);
}

TEST(Roc, IsZeroWhenTheEarlierCloseIsZero) {
  // ROC(1) of 10,0,5: i1 (0/10 - 1)*100 = -100; i2 the earlier close is 0 -> 0 (TA-Lib).
  const std::vector<double> in = {10, 0, 5};
  std::vector<double> out(in.size());
  roc(in, 1, out);
  EXPECT_EQ(out[1], -100.0);
  EXPECT_EQ(out[2], 0.0);
}

TEST(Roc, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 10U}) {
    std::vector<double> batch(walk.close.size());
    roc(walk.close, period, batch);
    Roc streaming(period);
    std::vector<double> streamed;
    for (double close : walk.close)
      streamed.push_back(streaming.update(close));
    expect_identical(batch, streamed, "roc");
  }
}

TEST(Obv, AddsVolumeOnUpClosesAndSubtractsItOnDownCloses) {
  // Closes 10,11,11,9,12 with volumes 100..500: 100, +200 = 300, unchanged 300, -400 = -100,
  // +500 = 400.
  const std::vector<double> close = {10, 11, 11, 9, 12};
  const std::vector<double> volume = {100, 200, 300, 400, 500};
  std::vector<double> out(close.size());
  obv(close, volume, out);
  EXPECT_EQ(out, (std::vector<double>{100, 300, 300, -100, 400}));
}

TEST(Obv, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  std::vector<double> batch(walk.close.size());
  obv(walk.close, walk.volume, batch);
  Obv streaming;
  std::vector<double> streamed;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    streamed.push_back(streaming.update(walk.close[i], walk.volume[i]));
  }
  expect_identical(batch, streamed, "obv");
}

}  // namespace
}  // namespace sigtrader::market::indicators
