#include "analytics/risk_ratios.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

// Daily returns used throughout: 0.01, -0.02, 0.03, 0.00. Mean 0.005; sample standard deviation
// sqrt(0.0013 / 3) = 0.02081666; sqrt(365) = 19.10497317.
const std::vector<double> kReturns{0.01, -0.02, 0.03, 0.00};

TEST(Sharpe, IsMeanOverSampleDeviationAnnualised) {
  // 0.005 / 0.02081666 x 19.10497317 = 4.588866.
  EXPECT_NEAR(sharpe_ratio(kReturns, 365.0, 0.0), 4.588866, 1e-6);
}

TEST(Sharpe, SubtractsThePerPeriodRiskFreeRate) {
  // 3.65 % a year over 365 days is 0.0001 a day: (0.005 - 0.0001) / 0.02081666 x 19.10497317
  // = 4.497089.
  EXPECT_DOUBLE_EQ(per_period_risk_free(0.0365, 365.0), 0.0001);
  EXPECT_NEAR(sharpe_ratio(kReturns, 365.0, 0.0365), 4.497089, 1e-6);
}

TEST(Sharpe, IsUndefinedForZeroVolatilityOrASingleReturn) {
  const std::vector<double> flat{0.01, 0.01, 0.01};
  EXPECT_TRUE(std::isnan(sharpe_ratio(flat, 365.0, 0.0)));
  const std::vector<double> one{0.01};
  EXPECT_TRUE(std::isnan(sharpe_ratio(one, 365.0, 0.0)));
  EXPECT_TRUE(std::isnan(sharpe_ratio({}, 365.0, 0.0)));
}

TEST(DownsideDeviation, AveragesSquaredShortfallsOverAllPeriods) {
  // Only -0.02 falls below 0: sqrt((0 + 0.0004 + 0 + 0) / 4) = 0.01 (divided by all 4 periods).
  EXPECT_NEAR(downside_deviation(kReturns, 0.0), 0.01, 1e-12);
}

TEST(Sortino, IsMeanOverDownsideDeviationAnnualised) {
  // 0.005 / 0.01 x 19.10497317 = 9.552487.
  EXPECT_NEAR(sortino_ratio(kReturns, 365.0, 0.0), 9.552487, 1e-6);
}

TEST(Sortino, MeasuresShortfallBelowTheRiskFreeRate) {
  // Target 0.0001 a day: shortfalls 0, -0.0201, 0, -0.0001 -> sqrt((0.00040401 + 0.00000001) / 4)
  // = 0.01005012; (0.005 - 0.0001) / 0.01005012 x 19.10497317 = 9.314747.
  EXPECT_NEAR(sortino_ratio(kReturns, 365.0, 0.0365), 9.314747, 1e-6);
}

TEST(Sortino, IsInfiniteWithGainsAndNoShortfall) {
  const std::vector<double> gains{0.01, 0.02};
  EXPECT_TRUE(std::isinf(sortino_ratio(gains, 365.0, 0.0)));
  EXPECT_GT(sortino_ratio(gains, 365.0, 0.0), 0);
  const std::vector<double> flat{0.0, 0.0};
  EXPECT_TRUE(std::isnan(sortino_ratio(flat, 365.0, 0.0)));
  EXPECT_TRUE(std::isnan(sortino_ratio({}, 365.0, 0.0)));
}

TEST(Calmar, IsCagrOverTheMaxDrawdown) {
  // 30 % a year over a 15 % drawdown = 2.
  EXPECT_NEAR(calmar_ratio(0.30, 0.15), 2.0, 1e-12);
  EXPECT_NEAR(calmar_ratio(-0.30, 0.15), -2.0, 1e-12);
}

TEST(Calmar, IsUnboundedWithoutADrawdownAndUndefinedWithoutACagr) {
  EXPECT_EQ(calmar_ratio(0.30, 0.0), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(calmar_ratio(0.0, 0.0)));
  EXPECT_TRUE(std::isnan(calmar_ratio(std::nan(""), 0.1)));
}

TEST(ValueAtRisk, UsesTheWorstReturnWhenTwentyReturnsMakeAFivePercentTail) {
  // 20 returns: k = ceil(0.05 x 20) = 1, so VaR and CVaR are both the worst loss, 5 %.
  std::vector<double> returns(18, 0.01);
  returns.push_back(-0.05);
  returns.push_back(-0.03);
  const TailRisk risk = historical_tail_risk(returns);
  EXPECT_NEAR(risk.value_at_risk, 0.05, 1e-12);
  EXPECT_NEAR(risk.conditional_value_at_risk, 0.05, 1e-12);
}

TEST(ValueAtRisk, TakesTheKthWorstAndCvarTheMeanOfTheTail) {
  // 40 returns: k = ceil(0.05 x 40) = 2; the two worst are -0.06 and -0.04.
  // VaR = 0.04 (the 2nd worst), CVaR = (0.06 + 0.04) / 2 = 0.05.
  std::vector<double> returns(38, 0.01);
  returns.push_back(-0.04);
  returns.push_back(-0.06);
  const TailRisk risk = historical_tail_risk(returns);
  EXPECT_NEAR(risk.value_at_risk, 0.04, 1e-12);
  EXPECT_NEAR(risk.conditional_value_at_risk, 0.05, 1e-12);
}

TEST(ValueAtRisk, RoundsASmallTailUpToOneReturn) {
  // 10 returns: 0.05 x 10 = 0.5, rounded up to k = 1: the worst, 2 %.
  std::vector<double> returns(9, 0.01);
  returns.push_back(-0.02);
  EXPECT_NEAR(historical_tail_risk(returns).value_at_risk, 0.02, 1e-12);
}

TEST(ValueAtRisk, IsUndefinedWithoutReturns) {
  const TailRisk risk = historical_tail_risk({});
  EXPECT_TRUE(std::isnan(risk.value_at_risk));
  EXPECT_TRUE(std::isnan(risk.conditional_value_at_risk));
}

}  // namespace
}  // namespace sigtrader::analytics
