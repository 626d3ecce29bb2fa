#include "net/retry_policy.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "net/retry_after.hpp"

namespace sigtrader::net {

core::Duration backoff_for(const RetryPolicy& policy, int attempt) {
  core::Duration wait = policy.initial_backoff;
  for (int i = 1; i < attempt && wait < policy.max_backoff; ++i)
    wait = wait * 2;
  return std::min(wait, policy.max_backoff);
}

RetryDecision decide_retry(const RetryPolicy& policy, int attempt,
                           const core::Result<HttpResponse>& outcome, bool idempotent,
                           core::Timestamp now) {
  const bool attempts_left = attempt < policy.max_attempts;
  const auto retry_or_fail = [&](core::Duration wait, std::string reason) {
    if (!attempts_left) {
      return RetryDecision{
          RetryAction::kFail, {}, fmt::format("{}; gave up after {} attempts", reason, attempt)};
    }
    return RetryDecision{RetryAction::kRetry, wait, std::move(reason)};
  };

  if (!outcome.ok()) {
    const core::ErrorCode code = outcome.error().code();
    const bool transient =
        code == core::ErrorCode::kUnavailable || code == core::ErrorCode::kTimeout;
    if (!transient || !idempotent) {
      return RetryDecision{RetryAction::kFail, {}, outcome.error().message()};
    }
    return retry_or_fail(backoff_for(policy, attempt), outcome.error().message());
  }

  const HttpResponse& response = *outcome;
  if (response.status == 429 || response.status == 418) {
    const auto header = response.header("Retry-After");
    const auto asked = header ? parse_retry_after(*header, now) : std::nullopt;
    if (asked && *asked > policy.max_retry_after) {
      return RetryDecision{
          RetryAction::kFail,
          {},
          fmt::format("HTTP {}: the server asks to wait {} (Retry-After), longer than the {} "
                      "allowed; try again later",
                      response.status, asked->to_string(), policy.max_retry_after.to_string())};
    }
    if (asked) {
      return retry_or_fail(
          *asked, fmt::format("HTTP {}, Retry-After {}", response.status, asked->to_string()));
    }
    return retry_or_fail(backoff_for(policy, attempt),
                         fmt::format("HTTP {} without Retry-After", response.status));
  }
  if (response.status >= 500 && idempotent) {
    return retry_or_fail(backoff_for(policy, attempt), fmt::format("HTTP {}", response.status));
  }
  return RetryDecision{};
}

}  // namespace sigtrader::net
