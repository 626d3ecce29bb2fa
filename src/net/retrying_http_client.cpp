#include "net/retrying_http_client.hpp"

#include <fmt/format.h>

#include "net/query_string.hpp"

namespace sigtrader::net {

namespace {

// The start of a reply body for an error message: enough for a server's own error text.
std::string body_excerpt(const std::string& body) {
  constexpr std::size_t kMax = 200;
  std::string excerpt = body.substr(0, kMax);
  for (char& c : excerpt) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.size() > kMax ? excerpt + "..." : excerpt;
}

bool is_idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE";
}

}  // namespace

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, const core::Clock& clock, Sleeper sleeper,
                                       RetryPolicy policy, std::optional<UsedWeightLimit> weight)
    : inner_(inner),
      clock_(clock),
      sleeper_(std::move(sleeper)),
      policy_(policy),
      weight_(std::move(weight)) {}

void RetryingHttpClient::wait(core::Duration duration, const std::string& reason) {
  if (duration <= core::Duration()) return;
  if (on_wait_) on_wait_(duration, reason);
  sleeper_(duration);
}

core::Result<HttpResponse> RetryingHttpClient::send(const HttpRequest& request) {
  const bool idempotent = is_idempotent(request.method);
  for (int attempt = 1;; ++attempt) {
    if (paused_until_) {
      const core::Timestamp now = clock_.now();
      if (now < *paused_until_) {
        wait(*paused_until_ - now, fmt::format("request weight near the limit of {} per {}",
                                               weight_->limit, weight_->window.to_string()));
      }
      paused_until_.reset();
    }

    auto outcome = inner_.send(request);
    if (outcome.ok() && weight_) {
      paused_until_ = weight_pause_until(*outcome, *weight_, clock_.now());
    }
    const RetryDecision decision =
        decide_retry(policy_, attempt, outcome, idempotent, clock_.now());
    switch (decision.action) {
      case RetryAction::kReturn:
        return outcome;
      case RetryAction::kRetry:
        wait(decision.wait, decision.reason);
        break;
      case RetryAction::kFail: {
        if (!outcome.ok()) {
          const bool retried = attempt > 1;
          return core::Error(outcome.error().code(),
                             retried ? decision.reason : outcome.error().message());
        }
        const std::string excerpt = body_excerpt(outcome->body);
        return core::Error(
            core::ErrorCode::kUnavailable,
            fmt::format("{} {}: {}{}", request.method, mask_secret_query(request.url),
                        decision.reason, excerpt.empty() ? "" : ": " + excerpt));
      }
    }
  }
}

}  // namespace sigtrader::net
