#include "net/retry_after.hpp"

#include <gtest/gtest.h>

namespace sigtrader::net {
namespace {

using core::Duration;
using core::Timestamp;

Timestamp at(const char* iso) {
  return Timestamp::try_parse_iso8601(iso).value();
}

TEST(ParseRetryAfter, ReadsDelaySecondsAsBinanceSendsThem) {
  const Timestamp now = at("2024-01-01T00:00:00Z");
  EXPECT_EQ(parse_retry_after("120", now), Duration::seconds(120));
  EXPECT_EQ(parse_retry_after(" 7 ", now), Duration::seconds(7));
  EXPECT_EQ(parse_retry_after("0", now), Duration::seconds(0));
}

TEST(ParseRetryAfter, ReadsAnHttpDateAsTheTimeLeftUntilThen) {
  // RFC 9110's own example date.
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at("2015-10-21T07:27:30Z")),
            Duration::seconds(30));
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at("2015-10-21T06:28:00Z")),
            Duration::hours(1));
}

TEST(ParseRetryAfter, TreatsADateInThePastAsNoWait) {
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", at("2016-01-01T00:00:00Z")),
            Duration::seconds(0));
}

TEST(ParseRetryAfter, RefusesAnythingElse) {
  const Timestamp now = at("2024-01-01T00:00:00Z");
  for (const char* text : {"", "soon", "-5", "1.5", "12s", "Wed, 21 Oct 2015 07:28:00 UTC",
                           "Wed, 31 Feb 2015 07:28:00 GMT", "Wed, 21 Oct 2015 25:28:00 GMT"}) {
    EXPECT_FALSE(parse_retry_after(text, now).has_value()) << '"' << text << '"';
  }
}

}  // namespace
}  // namespace sigtrader::net
