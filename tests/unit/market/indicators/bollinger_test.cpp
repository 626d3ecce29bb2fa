#include "market/indicators/bollinger.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/sma.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

struct Bands {
  std::vector<double> upper, middle, lower;
};

Bands run_batch(const std::vector<double>& close, std::size_t period, double k) {
  Bands out{std::vector<double>(close.size()), std::vector<double>(close.size()),
            std::vector<double>(close.size())};
  bollinger(close, period, k, out.upper, out.middle, out.lower);
  return out;
}

TEST(Bollinger, UsesThePopulationStandardDeviation) {
  // BB(3, 2) of 1,2,3,4,6. Window 1,2,3: mean 2, variance (1+0+1)/3 = 2/3.
  // Window 2,3,4: mean 3, variance 2/3. Window 3,4,6: mean 13/3, deviations -4/3,-1/3,5/3,
  // variance (16+1+25)/9/3 = 14/9, deviation sqrt(14)/3.
  const Bands out = run_batch({1, 2, 3, 4, 6}, 3, 2.0);
  EXPECT_EQ(leading_nans(out.middle), 2U);
  EXPECT_DOUBLE_EQ(out.middle[2], 2.0);
  EXPECT_NEAR(out.upper[2], 2.0 + 2.0 * std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(out.lower[2], 2.0 - 2.0 * std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(out.upper[3], 3.0 + 2.0 * std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(out.middle[4], 13.0 / 3.0, 1e-12);
  EXPECT_NEAR(out.upper[4], 13.0 / 3.0 + 2.0 * std::sqrt(14.0) / 3.0, 1e-12);
  EXPECT_NEAR(out.lower[4], 13.0 / 3.0 - 2.0 * std::sqrt(14.0) / 3.0, 1e-12);
}

TEST(Bollinger, MiddleIsTheSmaExactly) {
  const auto walk = make_random_walk(5000);
  const Bands out = run_batch(walk.close, 20, 2.0);
  std::vector<double> average(walk.close.size());
  sma(walk.close, 20, average);
  expect_identical(average, out.middle, "middle");
}

TEST(Bollinger, BandsCollapseOnConstantInputAndAreSymmetric) {
  const std::vector<double> flat(50, 42.5);
  const Bands out = run_batch(flat, 10, 2.0);
  for (std::size_t i = 9; i < flat.size(); ++i) {
    EXPECT_EQ(out.upper[i], 42.5);
    EXPECT_EQ(out.lower[i], 42.5);
  }
  const auto walk = make_random_walk(2000);
  const Bands bands = run_batch(walk.close, 20, 2.5);
  for (std::size_t i = 19; i < walk.close.size(); ++i) {
    EXPECT_NEAR(bands.upper[i] - bands.middle[i], bands.middle[i] - bands.lower[i], 1e-9);
    EXPECT_GE(bands.upper[i], bands.lower[i]);
  }
}

TEST(Bollinger, SlidingDeviationAgreesWithATwoPassRecomputation) {
  const auto walk = make_random_walk(5000);
  const std::size_t n = 20;
  const Bands out = run_batch(walk.close, n, 1.0);
  for (std::size_t i = n - 1; i < walk.close.size(); ++i) {
    double mean = 0.0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
      mean += walk.close[j];
    mean /= static_cast<double>(n);
    double m2 = 0.0;
    for (std::size_t j = i + 1 - n; j <= i; ++j)
      m2 += (walk.close[j] - mean) * (walk.close[j] - mean);
    ASSERT_NEAR(out.upper[i] - out.middle[i], std::sqrt(m2 / static_cast<double>(n)), 1e-7) << i;
  }
}

TEST(Bollinger, AFlatMarketAfterAVolatileOneGetsBandsOfZeroWidthWithinTwoPeriods) {
  // The sliding update leaves rounding residue of order sqrt(eps) * price; the two-pass
  // re-anchoring every n bars removes it.
  auto walk = make_random_walk(1000);
  std::vector<double> prices;
  for (double close : walk.close)
    prices.push_back(600.0 * close);  // around 60000
  prices.resize(1100, 61234.56);
  const Bands out = run_batch(prices, 20, 2.0);
  for (std::size_t i = 1000 + 2 * 20; i < prices.size(); ++i) {
    ASSERT_LT(out.upper[i] - out.lower[i], 1e-9) << i;
  }
}

TEST(Bollinger, StreamingMatchesBatchExactly) {
  // Odd periods put the re-anchoring bars on both lanes of the batch form's pairs of bars.
  const auto walk = make_random_walk(5000);
  for (std::size_t period : {1U, 2U, 20U, 21U}) {
    const Bands batch = run_batch(walk.close, period, 2.0);
    Bollinger streaming(period, 2.0);
    Bands streamed;
    for (double close : walk.close) {
      const BollingerValue value = streaming.update(close);
      EXPECT_EQ(streaming.ready(), !std::isnan(value.middle));
      streamed.upper.push_back(value.upper);
      streamed.middle.push_back(value.middle);
      streamed.lower.push_back(value.lower);
    }
    expect_identical(batch.upper, streamed.upper, "upper");
    expect_identical(batch.middle, streamed.middle, "middle");
    expect_identical(batch.lower, streamed.lower, "lower");
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
