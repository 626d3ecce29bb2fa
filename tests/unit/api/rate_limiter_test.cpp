#include "api/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace sigtrader::api {
namespace {

using core::Duration;
using core::Timestamp;

TEST(RateLimiter, AllowsTheBurstThenRefusesWithTheWaitForTheNextToken) {
  core::SimClock clock(Timestamp::from_seconds(1000));
  RateLimiter limiter(/*per_second=*/2.0, /*burst=*/3.0, clock);
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.take("k").allowed) << i;
  const RateLimiter::Verdict refused = limiter.take("k");
  EXPECT_FALSE(refused.allowed);
  // An empty bucket refills 2 tokens a second: the next one is 0.5 s away.
  EXPECT_EQ(refused.retry_after, Duration::milliseconds(500));
}

TEST(RateLimiter, RefillsAtItsRateAndNeverAboveTheBurst) {
  core::SimClock clock(Timestamp::from_seconds(1000));
  RateLimiter limiter(2.0, 3.0, clock);
  for (int i = 0; i < 3; ++i)
    limiter.take("k");
  clock.advance_to(Timestamp::from_seconds(1000) + Duration::milliseconds(500));
  EXPECT_TRUE(limiter.take("k").allowed);  // one token back after 0.5 s
  EXPECT_FALSE(limiter.take("k").allowed);
  clock.advance_to(Timestamp::from_seconds(2000));  // long idle: full again, but only 3
  for (int i = 0; i < 3; ++i)
    EXPECT_TRUE(limiter.take("k").allowed) << i;
  EXPECT_FALSE(limiter.take("k").allowed);
}

TEST(RateLimiter, KeepsOneBucketPerKey) {
  core::SimClock clock(Timestamp::from_seconds(1000));
  RateLimiter limiter(1.0, 1.0, clock);
  EXPECT_TRUE(limiter.take("a").allowed);
  EXPECT_FALSE(limiter.take("a").allowed);
  EXPECT_TRUE(limiter.take("b").allowed);
}

}  // namespace
}  // namespace sigtrader::api
