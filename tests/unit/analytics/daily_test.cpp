#include "analytics/daily.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

// 2024-01-01T00:00:00Z.
const Timestamp kNewYear = Timestamp::from_seconds(1'704'067'200);

EquityPoint at(int day, int hour, double equity) {
  return {kNewYear + Duration::days(day) + Duration::hours(hour), equity};
}

// Jan 1: 100 at 00:00, 105 at 12:00, 110 at 23:00 (closes +10 % on the first point).
// Jan 2: 100 at 06:00, 99 at 20:00 (closes 99 / 110 - 1 = -10 %).
// Jan 3: no points. Jan 4: 118.8 at 10:00 (118.8 / 99 - 1 = +20 %, across the gap).
std::vector<EquityPoint> curve() {
  return {at(0, 0, 100), at(0, 12, 105), at(0, 23, 110),
          at(1, 6, 100), at(1, 20, 99),  at(3, 10, 118.8)};
}

TEST(DailyReturns, CompareEachUtcDaysLastPointWithThePreviousDays) {
  const auto days = daily_returns(curve());
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(days[0].day, kNewYear);
  EXPECT_NEAR(days[0].value, 0.10, 1e-12);
  EXPECT_EQ(days[1].day, kNewYear + Duration::days(1));
  EXPECT_NEAR(days[1].value, -0.10, 1e-12);
  EXPECT_EQ(days[2].day, kNewYear + Duration::days(3));
  EXPECT_NEAR(days[2].value, 0.20, 1e-12);
}

TEST(BestAndWorstDays, PickTheHighestAndLowestDailyReturn) {
  const BestWorstDays days = best_and_worst_days(curve());
  ASSERT_TRUE(days.best && days.worst);
  EXPECT_EQ(days.best->day.date_string(), "2024-01-04");
  EXPECT_NEAR(days.best->value, 0.20, 1e-12);
  EXPECT_EQ(days.worst->day.date_string(), "2024-01-02");
  EXPECT_NEAR(days.worst->value, -0.10, 1e-12);
}

TEST(BestAndWorstDays, PreferTheEarliestDayOnATie) {
  // Jan 1 +10 % (100 -> 110), Jan 2 +10 % (110 -> 121): both best, Jan 1 reported.
  const std::vector<EquityPoint> equity{at(0, 0, 100), at(0, 1, 110), at(1, 1, 121)};
  EXPECT_EQ(best_and_worst_days(equity).best->day, kNewYear);
}

TEST(BestAndWorstDays, AreTheSameFlatDayForASinglePoint) {
  const std::vector<EquityPoint> equity{at(0, 5, 100)};
  const BestWorstDays days = best_and_worst_days(equity);
  ASSERT_TRUE(days.best && days.worst);
  EXPECT_EQ(days.best->value, 0.0);
  EXPECT_EQ(days.worst->value, 0.0);
}

TEST(BestAndWorstDays, AreAbsentForAnEmptyCurve) {
  const BestWorstDays days = best_and_worst_days({});
  EXPECT_FALSE(days.best.has_value());
  EXPECT_FALSE(days.worst.has_value());
}

}  // namespace
}  // namespace sigtrader::analytics
