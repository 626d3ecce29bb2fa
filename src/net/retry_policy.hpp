#pragma once

#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "net/http_message.hpp"

namespace sigtrader::net {

// When to try a request again and how long to wait first.
struct RetryPolicy {
  int max_attempts = 5;                                         // tries in all, the first included
  core::Duration initial_backoff = core::Duration::seconds(1);  // doubled after each retry
  core::Duration max_backoff = core::Duration::seconds(30);
  // A longer Retry-After (an IP ban after 418 lasts minutes to days) fails at once instead of
  // blocking the program.
  core::Duration max_retry_after = core::Duration::minutes(5);
};

enum class RetryAction {
  kReturn,  // hand the response to the caller (success, or a status a retry cannot change)
  kRetry,   // wait `wait`, then send again
  kFail,    // give up: `reason` says why
};

struct RetryDecision {
  RetryAction action = RetryAction::kReturn;
  core::Duration wait;
  std::string reason;  // why it retries or fails: "HTTP 429, Retry-After 7s"
};

// The wait before retry number `attempt` (1-based): initial * 2^(attempt-1), at most max_backoff.
core::Duration backoff_for(const RetryPolicy& policy, int attempt);

// What to do after attempt number `attempt` (1-based) ended with `outcome`:
//  - 429 and 418 wait for Retry-After (or the backoff when it is missing); they are retried
//    whatever the method, as the server refused the request without running it;
//  - 5xx and kUnavailable/kTimeout errors wait the backoff, only when `idempotent`: a POST that
//    timed out may have been executed (Binance: "execution status UNKNOWN");
//  - any other response is returned, any other error fails.
// Once `attempt` reaches max_attempts, a retryable outcome fails instead.
RetryDecision decide_retry(const RetryPolicy& policy, int attempt,
                           const core::Result<HttpResponse>& outcome, bool idempotent,
                           core::Timestamp now);

}  // namespace sigtrader::net
