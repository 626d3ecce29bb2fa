#include "market/indicators/stoch_rsi.hpp"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/rsi.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

TEST(StochRsi, IsTheFastStochasticOfRsi) {
  // Checked against a brute-force scan over the RSI series.
  const auto walk = make_random_walk(3000);
  const std::size_t n = walk.close.size();
  std::vector<double> k(n), d(n), rsi_values(n);
  stoch_rsi(walk.close, 14, 14, 3, k, d);
  rsi(walk.close, 14, rsi_values);
  EXPECT_EQ(leading_nans(k), StochRsi::lookback(14, 14, 3));
  EXPECT_EQ(leading_nans(k), 29U);
  EXPECT_EQ(leading_nans(d), 29U);
  std::vector<double> fast_k(n, 0.0);
  for (std::size_t i = 27; i < n; ++i) {
    double highest = rsi_values[i], lowest = rsi_values[i];
    for (std::size_t j = i - 13; j <= i; ++j) {
      highest = std::max(highest, rsi_values[j]);
      lowest = std::min(lowest, rsi_values[j]);
    }
    fast_k[i] = highest > lowest ? 100.0 * (rsi_values[i] - lowest) / (highest - lowest) : 0.0;
  }
  for (std::size_t i = 29; i < n; ++i) {
    ASSERT_NEAR(k[i], fast_k[i], 1e-9) << i;
    ASSERT_NEAR(d[i], (fast_k[i] + fast_k[i - 1] + fast_k[i - 2]) / 3.0, 1e-9) << i;
  }
  StochRsi streaming(14, 14, 3);
  std::vector<double> streamed;
  for (double close : walk.close)
    streamed.push_back(streaming.update(close).d);
  expect_identical(d, streamed, "stochrsi d");
}

}  // namespace
}  // namespace sigtrader::market::indicators
