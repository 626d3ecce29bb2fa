#include "analytics/returns.hpp"

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

TEST(PeriodsPerYear, CountsPeriodsInA365DayYear) {
  // 365 days x 24 h = 8760 hourly bars; 8760 / 4 = 2190 four-hour bars; 365 daily bars.
  EXPECT_DOUBLE_EQ(periods_per_year(Duration::hours(1)), 8760.0);
  EXPECT_DOUBLE_EQ(periods_per_year(Duration::hours(4)), 2190.0);
  EXPECT_DOUBLE_EQ(periods_per_year(Duration::days(1)), 365.0);
  // 525600 minutes in 365 days.
  EXPECT_DOUBLE_EQ(periods_per_year(Duration::minutes(1)), 525'600.0);
}

TEST(PeriodsPerYear, IsUndefinedForAZeroPeriod) {
  EXPECT_TRUE(std::isnan(periods_per_year(Duration{})));
}

TEST(PeriodReturns, AreSimpleReturnsBetweenConsecutivePoints) {
  // 100 -> 110 -> 99 -> 121: +10 %, 99/110 - 1 = -10 %, 121/99 - 1 = +22.22 %.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 110), at_hour(2, 99),
                                        at_hour(3, 121)};
  const auto returns = period_returns(equity);
  ASSERT_EQ(returns.size(), 3u);
  EXPECT_NEAR(returns[0], 0.10, 1e-12);
  EXPECT_NEAR(returns[1], -0.10, 1e-12);
  EXPECT_NEAR(returns[2], 0.222222222222, 1e-12);
}

TEST(PeriodReturns, LeaveOutStepsThatStartFromZeroEquity) {
  // 100 -> 0 is -100 %; 0 -> 50 has no defined return; 50 -> 75 is +50 %.
  const std::vector<EquityPoint> equity{at_hour(0, 100), at_hour(1, 0), at_hour(2, 50),
                                        at_hour(3, 75)};
  const auto returns = period_returns(equity);
  ASSERT_EQ(returns.size(), 2u);
  EXPECT_NEAR(returns[0], -1.0, 1e-12);
  EXPECT_NEAR(returns[1], 0.5, 1e-12);
}

TEST(PeriodReturns, AreEmptyForFewerThanTwoPoints) {
  EXPECT_TRUE(period_returns({}).empty());
  const std::vector<EquityPoint> one{at_hour(0, 100)};
  EXPECT_TRUE(period_returns(one).empty());
}

TEST(TotalReturn, IsFinalOverStartingEquityMinusOne) {
  // 121 / 100 - 1 = 0.21; 80 / 100 - 1 = -0.20.
  EXPECT_NEAR(total_return(100, 121), 0.21, 1e-12);
  EXPECT_NEAR(total_return(100, 80), -0.20, 1e-12);
  EXPECT_TRUE(std::isnan(total_return(0, 121)));
}

TEST(Cagr, CompoundsTheTotalReturnOverYearsOf365Days) {
  // 100 -> 121 over 730 days = 2 years: sqrt(1.21) - 1 = 0.10.
  EXPECT_NEAR(cagr(100, 121, Duration::days(730)), 0.10, 1e-12);
  // 100 -> 110 over 4380 h = half a year: 1.1^2 - 1 = 0.21.
  EXPECT_NEAR(cagr(100, 110, Duration::hours(4380)), 0.21, 1e-12);
  // 100 -> 50 over one year: -50 %.
  EXPECT_NEAR(cagr(100, 50, Duration::days(365)), -0.50, 1e-12);
}

TEST(Cagr, IsMinusOneForAWipedOutAccountAndUndefinedWithoutASpan) {
  EXPECT_DOUBLE_EQ(cagr(100, 0, Duration::days(10)), -1.0);
  EXPECT_TRUE(std::isnan(cagr(100, 121, Duration{})));
  EXPECT_TRUE(std::isnan(cagr(0, 121, Duration::days(10))));
}

TEST(AnnualizedVolatility, ScalesTheSampleDeviationBySqrtPeriodsPerYear) {
  // Returns 0.01, -0.02, 0.03, 0.00: mean 0.005; squared deviations 0.000025, 0.000625,
  // 0.000625, 0.000025 sum to 0.0013; / (n - 1) = 0.00043333; sqrt = 0.0208167.
  // Daily bars: x sqrt(365) = 19.104973 -> 0.397702.
  const std::vector<double> returns{0.01, -0.02, 0.03, 0.00};
  EXPECT_NEAR(annualized_volatility(returns, 365.0), 0.397702, 1e-6);
}

TEST(AnnualizedVolatility, IsUndefinedForASingleReturn) {
  const std::vector<double> returns{0.01};
  EXPECT_TRUE(std::isnan(annualized_volatility(returns, 365.0)));
}

}  // namespace
}  // namespace sigtrader::analytics
