#include "net/used_weight_limit.hpp"

namespace sigtrader::net {

std::optional<core::Timestamp> weight_pause_until(const HttpResponse& response,
                                                  const UsedWeightLimit& limit,
                                                  core::Timestamp now) {
  const auto header = response.header(limit.header);
  if (!header || header->empty() || header->size() > 18 || limit.limit <= 0) return std::nullopt;
  std::int64_t used = 0;
  for (const char c : *header) {
    if (c < '0' || c > '9') return std::nullopt;
    used = used * 10 + (c - '0');
  }
  // used / limit >= percent / 100, in integers.
  if (used * 100 < limit.limit * limit.pause_at_percent) return std::nullopt;
  return now.floor_to(limit.window) + limit.window;
}

}  // namespace sigtrader::net
