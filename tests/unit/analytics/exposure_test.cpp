#include "analytics/exposure.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

const Timestamp kStart = Timestamp::from_seconds(1'704'067'200);

ClosedTrade open_between(int entry_hour, int exit_hour) {
  return {kStart + Duration::hours(entry_hour),
          kStart + Duration::hours(exit_hour),
          0,
          0,
          0,
          0,
          std::nullopt};
}

TEST(ExposureTime, IsTheShareOfTheSpanWithATradeOpen) {
  // Span 0..10 h. Trades 1-3 h and 2-5 h overlap into 1-5 h (4 h, counted once); 8-12 h is
  // clipped to 8-10 h (2 h). 6 h / 10 h = 0.6.
  const std::vector<ClosedTrade> trades{open_between(1, 3), open_between(8, 12),
                                        open_between(2, 5)};
  EXPECT_NEAR(exposure_time(trades, kStart, kStart + Duration::hours(10)), 0.6, 1e-12);
}

TEST(ExposureTime, IsOneWhenATradeCoversTheWholeSpan) {
  const std::vector<ClosedTrade> trades{open_between(-1, 11)};
  EXPECT_NEAR(exposure_time(trades, kStart, kStart + Duration::hours(10)), 1.0, 1e-12);
}

TEST(ExposureTime, IsZeroWithoutTradesAndUndefinedOverAZeroSpan) {
  EXPECT_EQ(exposure_time({}, kStart, kStart + Duration::hours(10)), 0.0);
  EXPECT_EQ(exposure_time({}, kStart, kStart), 0.0);
  const std::vector<ClosedTrade> trades{open_between(0, 1)};
  EXPECT_TRUE(std::isnan(exposure_time(trades, kStart, kStart)));
}

}  // namespace
}  // namespace sigtrader::analytics
