#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "net/http_message.hpp"

namespace sigtrader::net {

// A request budget per time window that the server reports on every response, as Binance does
// with X-MBX-USED-WEIGHT-1M (6000 weight per minute on spot). Waiting for the next window before
// the budget runs out avoids the 429, and the IP ban (418) that repeated 429s bring.
struct UsedWeightLimit {
  std::string header = "X-MBX-USED-WEIGHT-1M";
  std::int64_t limit = 6000;
  int pause_at_percent = 90;  // pause once used weight >= this share of the limit
  core::Duration window = core::Duration::minutes(1);
};

// The start of the next window when `response` reports a used weight at or above the threshold;
// nullopt when it is below, or the header is missing or unreadable. Windows are aligned to the
// epoch (Binance's minute windows start on whole UTC minutes).
std::optional<core::Timestamp> weight_pause_until(const HttpResponse& response,
                                                  const UsedWeightLimit& limit,
                                                  core::Timestamp now);

}  // namespace sigtrader::net
