#include "net/used_weight_limit.hpp"

#include <gtest/gtest.h>

namespace sigtrader::net {
namespace {

using core::Timestamp;

Timestamp at(const char* iso) {
  return Timestamp::try_parse_iso8601(iso).value();
}

HttpResponse with_weight(const char* used) {
  HttpResponse response;
  response.status = 200;
  response.headers = {{"x-mbx-used-weight-1m", used}};
  return response;
}

TEST(WeightPauseUntil, PausesUntilTheNextWholeMinuteAtNinetyPercentOfSixThousand) {
  // 90% of 6000 is 5400.
  EXPECT_EQ(
      weight_pause_until(with_weight("5400"), UsedWeightLimit{}, at("2024-01-01T10:15:42.5Z")),
      at("2024-01-01T10:16:00Z"));
  EXPECT_EQ(weight_pause_until(with_weight("6000"), UsedWeightLimit{}, at("2024-01-01T10:15:00Z")),
            at("2024-01-01T10:16:00Z"));
}

TEST(WeightPauseUntil, DoesNotPauseBelowTheThresholdOrWithoutTheHeader) {
  const Timestamp now = at("2024-01-01T10:15:42Z");
  EXPECT_FALSE(weight_pause_until(with_weight("5399"), UsedWeightLimit{}, now).has_value());
  EXPECT_FALSE(weight_pause_until(with_weight("lots"), UsedWeightLimit{}, now).has_value());
  EXPECT_FALSE(weight_pause_until(HttpResponse{200, {}, ""}, UsedWeightLimit{}, now).has_value());
}

TEST(WeightPauseUntil, UsesTheConfiguredLimitAndShare) {
  UsedWeightLimit futures;
  futures.limit = 2400;
  futures.pause_at_percent = 50;
  EXPECT_EQ(weight_pause_until(with_weight("1200"), futures, at("2024-01-01T10:15:01Z")),
            at("2024-01-01T10:16:00Z"));
  EXPECT_FALSE(weight_pause_until(with_weight("1199"), futures, at("2024-01-01T10:15:01Z")));
}

}  // namespace
}  // namespace sigtrader::net
