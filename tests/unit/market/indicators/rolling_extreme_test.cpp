#include "market/indicators/rolling_extreme.hpp"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

TEST(RollingExtreme, MatchesABruteForceScanOfTheWindow) {
  const auto walk = testing::make_random_walk(3000);
  for (std::size_t period : {1U, 3U, 17U}) {
    RollingMax highest(period);
    RollingMin lowest(period);
    for (std::size_t i = 0; i < walk.close.size(); ++i) {
      const std::size_t first = i + 1 >= period ? i + 1 - period : 0;
      const double expected_max =
          *std::max_element(walk.close.begin() + first, walk.close.begin() + i + 1);
      const double expected_min =
          *std::min_element(walk.close.begin() + first, walk.close.begin() + i + 1);
      ASSERT_EQ(highest.update(walk.close[i]), expected_max) << period << " at " << i;
      ASSERT_EQ(lowest.update(walk.close[i]), expected_min) << period << " at " << i;
    }
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
