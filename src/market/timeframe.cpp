#include "market/timeframe.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace sigtrader::market {

namespace {

using core::Duration;

constexpr std::array<std::pair<std::string_view, Duration>, 14> kTimeframes{{
    {"1m", Duration::minutes(1)},
    {"3m", Duration::minutes(3)},
    {"5m", Duration::minutes(5)},
    {"15m", Duration::minutes(15)},
    {"30m", Duration::minutes(30)},
    {"1h", Duration::hours(1)},
    {"2h", Duration::hours(2)},
    {"4h", Duration::hours(4)},
    {"6h", Duration::hours(6)},
    {"8h", Duration::hours(8)},
    {"12h", Duration::hours(12)},
    {"1d", Duration::days(1)},
    {"3d", Duration::days(3)},
    {"1w", Duration::days(7)},
}};

}  // namespace

core::Result<core::Duration> parse_timeframe(std::string_view text) {
  for (const auto& [name, duration] : kTimeframes) {
    if (name == text) return duration;
  }
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("\"{}\" is not a timeframe (expected one of 1m, 3m, 5m, 15m, 30m, "
                                 "1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w)",
                                 text));
}

std::string timeframe_to_string(core::Duration timeframe) {
  for (const auto& [name, duration] : kTimeframes) {
    if (duration == timeframe) return std::string(name);
  }
  const std::int64_t ns = timeframe.count_ns();
  const std::int64_t minute = Duration::minutes(1).count_ns();
  if (ns > 0 && ns % minute == 0) {
    const std::int64_t minutes = ns / minute;
    if (minutes % (7 * 24 * 60) == 0) return fmt::format("{}w", minutes / (7 * 24 * 60));
    if (minutes % (24 * 60) == 0) return fmt::format("{}d", minutes / (24 * 60));
    if (minutes % 60 == 0) return fmt::format("{}h", minutes / 60);
    return fmt::format("{}m", minutes);
  }
  return timeframe.to_string();
}

}  // namespace sigtrader::market
