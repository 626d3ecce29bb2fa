#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "net/retry_policy.hpp"
#include "net/sleeper.hpp"
#include "net/used_weight_limit.hpp"

namespace sigtrader::net {

// Wraps an HttpClient with the retry policy (retry_policy.hpp) and, optionally, a used-weight
// budget: once a response reports the budget nearly spent, the next request waits for the next
// window. Every wait goes through the Sleeper and is told to `on_wait` first (for a log line).
// Not thread-safe: one caller at a time.
class RetryingHttpClient final : public HttpClient {
 public:
  using WaitObserver = std::function<void(core::Duration wait, const std::string& reason)>;

  RetryingHttpClient(HttpClient& inner, const core::Clock& clock, Sleeper sleeper,
                     RetryPolicy policy = {}, std::optional<UsedWeightLimit> weight = std::nullopt);

  void on_wait(WaitObserver observer) { on_wait_ = std::move(observer); }

  // A response a retry cannot change (2xx, 3xx, 4xx other than 429/418) is returned as is; an
  // Error when retries ran out or the failure is not retryable, naming the request (secrets
  // masked), the last status or failure and the number of attempts.
  core::Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  void wait(core::Duration duration, const std::string& reason);

  HttpClient& inner_;
  const core::Clock& clock_;
  Sleeper sleeper_;
  RetryPolicy policy_;
  std::optional<UsedWeightLimit> weight_;
  std::optional<core::Timestamp> paused_until_;
  WaitObserver on_wait_;
};

}  // namespace sigtrader::net
