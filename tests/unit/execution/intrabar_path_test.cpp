#include "execution/intrabar_path.hpp"

#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace sigtrader::execution {
namespace {

using testing::candle;
using testing::kHour;
using testing::kT0;
using testing::px;

TEST(IntrabarPath, VisitsTheExtremeNearerToTheOpenFirst) {
  // Open 100: the low 95 is 5 away, the high 110 is 10 away, so 100 → 95 → 110 → 105,
  // at +0, +20 min, +40 min, +60 min of a 1 h candle.
  const auto path = intrabar_path(candle(kT0, "100", "110", "95", "105"), kHour);
  EXPECT_EQ(path[0].price, px("100"));
  EXPECT_EQ(path[1].price, px("95"));
  EXPECT_EQ(path[2].price, px("110"));
  EXPECT_EQ(path[3].price, px("105"));
  EXPECT_EQ(path[0].ts, kT0);
  EXPECT_EQ(path[1].ts, kT0 + core::Duration::minutes(20));
  EXPECT_EQ(path[2].ts, kT0 + core::Duration::minutes(40));
  EXPECT_EQ(path[3].ts, kT0 + kHour);
}

TEST(IntrabarPath, GoesToTheHighFirstWhenBothExtremesAreEquallyFar) {
  // Open 100, high 104, low 96: a tie, so 100 → 104 → 96 → close.
  const auto path = intrabar_path(candle(kT0, "100", "104", "96", "101"), kHour);
  EXPECT_EQ(path[1].price, px("104"));
  EXPECT_EQ(path[2].price, px("96"));
}

}  // namespace
}  // namespace sigtrader::execution
