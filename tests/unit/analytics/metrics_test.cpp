#include "analytics/metrics.hpp"

#include <cmath>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

// 2024-01-01T00:00:00Z; one 365-day year later is 2024-12-31 (2024 is a leap year).
const Timestamp kStart = Timestamp::from_seconds(1'704'067'200);

Timestamp day(int n) {
  return kStart + Duration::days(n);
}

// Yearly bars (period 365 days, so one period per year and no annualisation factor):
// equity 100 -> 110 -> 99 -> 121, starting equity 100. Returns +10 %, -10 %, +22.2222 %.
// Trades by exit: +10 (days 0-365), -11 (days 300-730), +22 (days 912-1095).
MetricsInput three_years() {
  MetricsInput input;
  input.equity = {{day(0), 100}, {day(365), 110}, {day(730), 99}, {day(1095), 121}};
  input.trades = {{day(0), day(365), 10, 0.10, 0.2, 0.1, std::nullopt},
                  {day(300), day(730), -11, -0.10, 0.2, 0.1, std::nullopt},
                  {day(912), day(1095), 22, 0.22, 0.2, 0.1, std::nullopt}};
  input.starting_equity = 100;
  input.period = Duration::days(365);
  return input;
}

TEST(Metrics, ComputesReturnsFromTheEquityCurve) {
  const PerformanceMetrics m = compute_metrics(three_years());
  // 121 - 100 = 21; 21 / 100 = 0.21; over 3 years 1.21^(1/3) - 1 = 0.0656022.
  EXPECT_NEAR(m.net_profit, 21.0, 1e-9);
  EXPECT_NEAR(m.total_return, 0.21, 1e-12);
  EXPECT_NEAR(m.cagr, 0.0656022, 1e-7);
  // Mean return 0.2222222 / 3 = 0.0740741; sample sd 0.1626681 (x sqrt(1)).
  EXPECT_NEAR(m.annualized_volatility, 0.1626681, 1e-7);
}

TEST(Metrics, ComputesRiskRatiosFromPerPeriodReturns) {
  const PerformanceMetrics m = compute_metrics(three_years());
  // Sharpe 0.0740741 / 0.1626681 = 0.4553694.
  EXPECT_NEAR(m.sharpe, 0.4553694, 1e-6);
  // Downside deviation sqrt(0.01 / 3) = 0.0577350; Sortino 0.0740741 / 0.0577350 = 1.2830006.
  EXPECT_NEAR(m.sortino, 1.2830006, 1e-6);
  // Calmar 0.0656022 / 0.10 = 0.656022.
  EXPECT_NEAR(m.calmar, 0.656022, 1e-6);
  // Three returns: k = ceil(0.15) = 1, the worst return -10 % for both.
  EXPECT_NEAR(m.value_at_risk_95, 0.10, 1e-12);
  EXPECT_NEAR(m.conditional_value_at_risk_95, 0.10, 1e-12);
}

TEST(Metrics, ComputesDrawdownAndRecovery) {
  const PerformanceMetrics m = compute_metrics(three_years());
  // 110 -> 99: 10 %, 11 in money, from day 365 until 121 on day 1095: 730 days.
  EXPECT_NEAR(m.max_drawdown, 0.10, 1e-12);
  EXPECT_NEAR(m.max_drawdown_money, 11.0, 1e-12);
  EXPECT_EQ(m.max_drawdown_duration, Duration::days(730));
  // Drawdowns 0, 0, 10, 0 % -> sqrt(100 / 4) = 5.
  EXPECT_NEAR(m.ulcer_index, 5.0, 1e-9);
  // 21 / 11 = 1.909091.
  EXPECT_NEAR(m.recovery_factor, 1.909091, 1e-6);
}

TEST(Metrics, ComputesTradeStatistics) {
  const PerformanceMetrics m = compute_metrics(three_years());
  EXPECT_EQ(m.trade_count, 3u);
  EXPECT_NEAR(m.win_rate, 0.666667, 1e-6);
  EXPECT_NEAR(m.profit_factor, 2.909091, 1e-6);  // 32 / 11
  EXPECT_NEAR(m.expectancy, 7.0, 1e-12);         // 21 / 3
  EXPECT_NEAR(m.average_win, 16.0, 1e-12);       // 32 / 2
  EXPECT_NEAR(m.average_loss, -11.0, 1e-12);
  EXPECT_NEAR(m.payoff_ratio, 1.454545, 1e-6);  // 16 / 11
  EXPECT_DOUBLE_EQ(m.largest_win, 22.0);
  EXPECT_DOUBLE_EQ(m.largest_loss, -11.0);
  EXPECT_EQ(m.max_consecutive_wins, 1u);  // W L W
  EXPECT_EQ(m.max_consecutive_losses, 1u);
  // 2/3 - (1/3) / (16/11) = 0.666667 - 0.229167 = 0.4375.
  EXPECT_NEAR(m.kelly_fraction, 0.4375, 1e-12);
  // pnl 10, -11, 22: mean 7, deviations 3, -18, 15 -> sd sqrt(558 / 2) = 16.703293;
  // sqrt(3) x 7 / 16.703293 = 0.725866.
  EXPECT_NEAR(m.sqn, 0.725866, 1e-6);
  // (365 + 430 + 183) / 3 = 326 days; 3 trades over 1095 days = 0.00273973 a day.
  EXPECT_EQ(m.average_trade_duration, Duration::days(326));
  EXPECT_NEAR(m.trades_per_day, 0.00273973, 1e-8);
  EXPECT_NEAR(m.total_fees, 0.6, 1e-12);
  EXPECT_NEAR(m.total_slippage, 0.3, 1e-12);
}

TEST(Metrics, MeasuresExposureAsTheUnionOfOpenTrades) {
  // Days 0-365 and 300-730 merge into 0-730; with 912-1095: 730 + 183 = 913 of 1095 days.
  EXPECT_NEAR(compute_metrics(three_years()).exposure_time, 0.8337900, 1e-7);
}

TEST(Metrics, FindsTheBestAndWorstUtcDay) {
  // Days: 2024-01-01 0 %, 2024-12-31 +10 %, 2025-12-31 -10 %, 2026-12-31 +22.2222 %.
  const PerformanceMetrics m = compute_metrics(three_years());
  ASSERT_TRUE(m.best_day && m.worst_day);
  EXPECT_EQ(m.best_day->day.date_string(), "2026-12-31");
  EXPECT_NEAR(m.best_day->value, 0.222222, 1e-6);
  EXPECT_EQ(m.worst_day->day.date_string(), "2025-12-31");
  EXPECT_NEAR(m.worst_day->value, -0.10, 1e-12);
}

TEST(Metrics, AreDefinedForAnEmptyRun) {
  MetricsInput input;
  input.starting_equity = 100;
  input.period = Duration::hours(1);
  const PerformanceMetrics m = compute_metrics(input);
  EXPECT_EQ(m.total_return, 0.0);
  EXPECT_EQ(m.net_profit, 0.0);
  EXPECT_TRUE(std::isnan(m.cagr));
  EXPECT_TRUE(std::isnan(m.sharpe));
  EXPECT_TRUE(std::isnan(m.sortino));
  EXPECT_TRUE(std::isnan(m.value_at_risk_95));
  EXPECT_EQ(m.max_drawdown, 0.0);
  EXPECT_TRUE(std::isnan(m.recovery_factor));
  EXPECT_EQ(m.trade_count, 0u);
  EXPECT_EQ(m.exposure_time, 0.0);
  EXPECT_FALSE(m.best_day.has_value());
}

TEST(Metrics, AreDefinedForAFlatCurveWithZeroVolatility) {
  // Equity stays at 100 for five hours: every return is 0.
  MetricsInput input;
  for (int h = 0; h < 5; ++h)
    input.equity.push_back({kStart + Duration::hours(h), 100});
  input.starting_equity = 100;
  input.period = Duration::hours(1);
  const PerformanceMetrics m = compute_metrics(input);
  EXPECT_EQ(m.total_return, 0.0);
  EXPECT_EQ(m.cagr, 0.0);
  EXPECT_EQ(m.annualized_volatility, 0.0);
  EXPECT_TRUE(std::isnan(m.sharpe));
  EXPECT_TRUE(std::isnan(m.sortino));
  EXPECT_TRUE(std::isnan(m.calmar));  // 0 / 0
  EXPECT_EQ(m.value_at_risk_95, 0.0);
  EXPECT_FALSE(std::signbit(m.value_at_risk_95));
  EXPECT_EQ(m.max_drawdown, 0.0);
}

TEST(MetricsDeathTest, RejectsAnEquityCurveOutOfTimeOrder) {
  MetricsInput input;
  input.equity = {{kStart + Duration::hours(1), 100}, {kStart, 101}};
  input.starting_equity = 100;
  input.period = Duration::hours(1);
  EXPECT_DEATH(compute_metrics(input), "time-ordered");
}

}  // namespace
}  // namespace sigtrader::analytics
