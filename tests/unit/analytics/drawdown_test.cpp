#include "analytics/drawdown.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

EquityPoint at_hour(int hour, double equity) {
  return {Timestamp::from_seconds(1'704'067'200) + Duration::hours(hour), equity};
}

TEST(Drawdown, MeasuresTheDeepestFallFromAPeak) {
  // 100 -> 110 -> 99 -> 121: the peak 110 falls to 99, (110 - 99) / 110 = 10 %, 11 in money.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 110), at_hour(2, 99),
                                        at_hour(3, 121)};
  const DrawdownStats stats = compute_drawdown(equity);
  EXPECT_NEAR(stats.max_depth, 0.10, 1e-12);
  EXPECT_NEAR(stats.max_depth_money, 11.0, 1e-12);
}

TEST(Drawdown, LastsFromThePeakUntilEquityRegainsIt) {
  // Peak 110 at h1, below it at h2, back above (121) at h3: 2 hours.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 110), at_hour(2, 99),
                                        at_hour(3, 121)};
  EXPECT_EQ(compute_drawdown(equity).max_duration, Duration::hours(2));
}

TEST(Drawdown, CountsEqualingThePeakAsRegainingIt) {
  // 100 at h0, 90 at h1, exactly 100 at h2: recovered after 2 h, and h2 is the new peak time.
  // 80 at h3, back to 100 at h7: 5 h from the peak at h2, the longest.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 90), at_hour(2, 100),
                                        at_hour(3, 80), at_hour(7, 100)};
  EXPECT_EQ(compute_drawdown(equity).max_duration, Duration::hours(5));
}

TEST(Drawdown, RunsToTheEndWhenThePeakIsNeverRegained) {
  // Peak 120 at h1; 90 at h2 (-25 %, 30 in money); 108 at h3, still below: 2 hours.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 120), at_hour(2, 90),
                                        at_hour(3, 108)};
  const DrawdownStats stats = compute_drawdown(equity);
  EXPECT_NEAR(stats.max_depth, 0.25, 1e-12);
  EXPECT_NEAR(stats.max_depth_money, 30.0, 1e-12);
  EXPECT_EQ(stats.max_duration, Duration::hours(2));
}

TEST(Drawdown, TakesTheDeepestFractionAndTheLargestMoneyFallSeparately) {
  // 100 -> 50 is -50 % (50 in money); 50 -> 1000 -> 800 is -20 % but 200 in money.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 50), at_hour(2, 1000),
                                        at_hour(3, 800)};
  const DrawdownStats stats = compute_drawdown(equity);
  EXPECT_NEAR(stats.max_depth, 0.50, 1e-12);
  EXPECT_NEAR(stats.max_depth_money, 200.0, 1e-12);
}

TEST(UlcerIndex, IsTheRootMeanSquareOfPercentDrawdowns) {
  // 100 -> 110 -> 99 -> 121: drawdowns 0, 0, 10 %, 0 -> sqrt((0 + 0 + 100 + 0) / 4) = 5.
  const std::vector<EquityPoint> once{at_hour(0, 100), at_hour(1, 110), at_hour(2, 99),
                                      at_hour(3, 121)};
  EXPECT_NEAR(compute_drawdown(once).ulcer_index, 5.0, 1e-9);
  // 100 -> 120 -> 90 -> 108: drawdowns 0, 0, 25 %, 10 % -> sqrt((625 + 100) / 4) = 13.462912.
  const std::vector<EquityPoint> twice{at_hour(0, 100), at_hour(1, 120), at_hour(2, 90),
                                       at_hour(3, 108)};
  EXPECT_NEAR(compute_drawdown(twice).ulcer_index, 13.462912, 1e-6);
}

TEST(Drawdown, IsZeroForACurveThatOnlyRises) {
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 101), at_hour(2, 105)};
  const DrawdownStats stats = compute_drawdown(equity);
  EXPECT_EQ(stats.max_depth, 0.0);
  EXPECT_EQ(stats.max_depth_money, 0.0);
  EXPECT_EQ(stats.max_duration, Duration{});
  EXPECT_EQ(stats.ulcer_index, 0.0);
}

TEST(Drawdown, IsZeroWithAnUndefinedUlcerIndexForAnEmptyCurve) {
  const DrawdownStats stats = compute_drawdown({});
  EXPECT_EQ(stats.max_depth, 0.0);
  EXPECT_EQ(stats.max_duration, Duration{});
  EXPECT_TRUE(std::isnan(stats.ulcer_index));
}

}  // namespace
}  // namespace sigtrader::analytics
