#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace sigtrader::api {

RateLimiter::RateLimiter(double per_second, double burst, const core::Clock& clock)
    : per_second_(per_second), burst_(std::max(1.0, burst)), clock_(clock) {}

RateLimiter::Verdict RateLimiter::take(std::string_view key) {
  const core::Timestamp now = clock_.now();
  const std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= kPruneAbove) prune(now);
    it = buckets_.emplace(std::string(key), Bucket{burst_, now}).first;
  }
  Bucket& bucket = it->second;
  const double elapsed = static_cast<double>((now - bucket.updated).count_ns()) / 1e9;
  bucket.tokens = std::min(burst_, bucket.tokens + std::max(0.0, elapsed) * per_second_);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {};
  }
  const double wait_seconds = (1.0 - bucket.tokens) / per_second_;
  return Verdict{
      false, core::Duration::nanoseconds(static_cast<std::int64_t>(std::ceil(wait_seconds * 1e9)))};
}

void RateLimiter::prune(core::Timestamp now) {
  const double refill_seconds = burst_ / per_second_;
  std::erase_if(buckets_, [&](const auto& entry) {
    const double elapsed = static_cast<double>((now - entry.second.updated).count_ns()) / 1e9;
    return elapsed >= refill_seconds;
  });
}

}  // namespace sigtrader::api
