#include "market/indicators/vwap.hpp"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

constexpr std::int64_t kHourNs = 3'600'000'000'000;

TEST(Vwap, ResetsAtEachUtcDay) {
  // h = l = c, so the typical price is the close. Day 0: 10 x 1, then 20 x 3 -> (10 + 60)/4 =
  // 17.5. Day 1 starts afresh: 30 x 2 -> 30. Day 2 opens with no volume: its typical price 40.
  const std::vector<std::int64_t> time = {0, kHourNs, 24 * kHourNs, 48 * kHourNs};
  const std::vector<double> price = {10, 20, 30, 40};
  const std::vector<double> volume = {1, 3, 2, 0};
  std::vector<double> out(4);
  vwap(time, price, price, price, volume, out);
  EXPECT_EQ(out[0], 10.0);
  EXPECT_EQ(out[1], 17.5);
  EXPECT_EQ(out[2], 30.0);
  EXPECT_EQ(out[3], 40.0);
}

TEST(Vwap, SessionsBeforeTheEpochAreFloored) {
  Vwap state;
  EXPECT_EQ(state.update(-1, 10, 10, 10, 1), 10.0);
  EXPECT_EQ(state.update(0, 20, 20, 20, 1), 20.0);  // a new day, not the same one
  EXPECT_EQ(state.update(kHourNs, 30, 30, 30, 1), 25.0);
}

TEST(Vwap, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(3000);
  std::vector<std::int64_t> time;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    time.push_back(static_cast<std::int64_t>(i) * kHourNs);
  }
  std::vector<double> batch(walk.close.size());
  vwap(time, walk.high, walk.low, walk.close, walk.volume, batch);
  Vwap streaming;
  std::vector<double> streamed;
  for (std::size_t i = 0; i < walk.close.size(); ++i) {
    streamed.push_back(
        streaming.update(time[i], walk.high[i], walk.low[i], walk.close[i], walk.volume[i]));
  }
  expect_identical(batch, streamed, "vwap");
  EXPECT_EQ(leading_nans(batch), 0U);
}

}  // namespace
}  // namespace sigtrader::market::indicators
