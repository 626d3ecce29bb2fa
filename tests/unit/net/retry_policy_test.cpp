#include "net/retry_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::net {
namespace {

using core::Duration;
using ::testing::HasSubstr;

const core::Timestamp kNow = core::Timestamp::from_seconds(1'704'067'200);

core::Result<HttpResponse> status(int code, HttpHeaders headers = {}) {
  return HttpResponse{code, std::move(headers), ""};
}

TEST(RetryPolicy, BackoffDoublesFromOneSecondUpToThirtySeconds) {
  const RetryPolicy policy;
  EXPECT_EQ(backoff_for(policy, 1), Duration::seconds(1));
  EXPECT_EQ(backoff_for(policy, 2), Duration::seconds(2));
  EXPECT_EQ(backoff_for(policy, 3), Duration::seconds(4));
  EXPECT_EQ(backoff_for(policy, 5), Duration::seconds(16));
  EXPECT_EQ(backoff_for(policy, 6), Duration::seconds(30));
  EXPECT_EQ(backoff_for(policy, 60), Duration::seconds(30));
}

TEST(RetryPolicy, TooManyRequestsWaitsForRetryAfter) {
  const auto decision =
      decide_retry(RetryPolicy{}, 1, status(429, {{"Retry-After", "7"}}), true, kNow);
  EXPECT_EQ(decision.action, RetryAction::kRetry);
  EXPECT_EQ(decision.wait, Duration::seconds(7));
}

TEST(RetryPolicy, TooManyRequestsIsRetriedEvenForAPost) {
  const auto decision =
      decide_retry(RetryPolicy{}, 1, status(418, {{"retry-after", "3"}}), false, kNow);
  EXPECT_EQ(decision.action, RetryAction::kRetry);
  EXPECT_EQ(decision.wait, Duration::seconds(3));
}

TEST(RetryPolicy, TooManyRequestsWithoutRetryAfterWaitsTheBackoff) {
  const auto decision = decide_retry(RetryPolicy{}, 3, status(429), true, kNow);
  EXPECT_EQ(decision.action, RetryAction::kRetry);
  EXPECT_EQ(decision.wait, Duration::seconds(4));
}

TEST(RetryPolicy, ABanLongerThanAllowedFailsAtOnceSayingHowLong) {
  const auto decision =
      decide_retry(RetryPolicy{}, 1, status(418, {{"Retry-After", "7200"}}), true, kNow);
  EXPECT_EQ(decision.action, RetryAction::kFail);
  EXPECT_THAT(decision.reason, HasSubstr("2h"));
  EXPECT_THAT(decision.reason, HasSubstr("HTTP 418"));
}

TEST(RetryPolicy, ServerErrorsAreRetriedWithBackoffOnlyForIdempotentRequests) {
  const auto get = decide_retry(RetryPolicy{}, 2, status(503), true, kNow);
  EXPECT_EQ(get.action, RetryAction::kRetry);
  EXPECT_EQ(get.wait, Duration::seconds(2));
  // Binance: a 5xx leaves an order's execution status unknown; a blind retry could double it.
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, status(503), false, kNow).action, RetryAction::kReturn);
}

TEST(RetryPolicy, ClientErrorsAndSuccessAreReturnedAsTheyAre) {
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, status(400), true, kNow).action, RetryAction::kReturn);
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, status(404), true, kNow).action, RetryAction::kReturn);
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, status(200), true, kNow).action, RetryAction::kReturn);
}

TEST(RetryPolicy, ConnectionFailuresAndTimeoutsAreRetriedOtherErrorsAreNot) {
  const core::Result<HttpResponse> refused(
      core::Error(core::ErrorCode::kUnavailable, "connecting failed: Connection refused"));
  const core::Result<HttpResponse> timeout(core::Error(core::ErrorCode::kTimeout, "timed out"));
  const core::Result<HttpResponse> tls(core::Error(core::ErrorCode::kIo, "TLS handshake failed"));
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, refused, true, kNow).action, RetryAction::kRetry);
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, timeout, true, kNow).action, RetryAction::kRetry);
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, tls, true, kNow).action, RetryAction::kFail);
  EXPECT_EQ(decide_retry(RetryPolicy{}, 1, timeout, false, kNow).action, RetryAction::kFail);
}

TEST(RetryPolicy, TheLastAttemptFailsSayingHowManyWereMade) {
  RetryPolicy policy;
  policy.max_attempts = 3;
  EXPECT_EQ(decide_retry(policy, 2, status(503), true, kNow).action, RetryAction::kRetry);
  const auto last = decide_retry(policy, 3, status(503), true, kNow);
  EXPECT_EQ(last.action, RetryAction::kFail);
  EXPECT_THAT(last.reason, HasSubstr("HTTP 503; gave up after 3 attempts"));
}

}  // namespace
}  // namespace sigtrader::net
