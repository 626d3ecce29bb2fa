#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace sigtrader::api {

// Token buckets, one per key (an API key's prefix, a client address): each holds up to `burst`
// requests and refills at `per_second`. Thread-safe.
class RateLimiter {
 public:
  struct Verdict {
    bool allowed = true;
    core::Duration retry_after;  // when refused: until a token is back
  };

  RateLimiter(double per_second, double burst, const core::Clock& clock);

  Verdict take(std::string_view key);
  double per_second() const { return per_second_; }

 private:
  struct Bucket {
    double tokens = 0;
    core::Timestamp updated;
  };
  // Buckets full again are forgotten once the map grows past this, so that a scan of many
  // addresses cannot grow it without bound.
  static constexpr std::size_t kPruneAbove = 10'000;
  void prune(core::Timestamp now);

  double per_second_;
  double burst_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Bucket, std::less<>> buckets_;
};

}  // namespace sigtrader::api
