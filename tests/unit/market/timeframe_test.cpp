#include "market/timeframe.hpp"

#include <gtest/gtest.h>

namespace sigtrader::market {
namespace {

using core::Duration;

TEST(Timeframe, ParsesTheExchangeSpellings) {
  EXPECT_EQ(parse_timeframe("1m").value(), Duration::minutes(1));
  EXPECT_EQ(parse_timeframe("5m").value(), Duration::minutes(5));
  EXPECT_EQ(parse_timeframe("15m").value(), Duration::minutes(15));
  EXPECT_EQ(parse_timeframe("1h").value(), Duration::hours(1));
  EXPECT_EQ(parse_timeframe("4h").value(), Duration::hours(4));
  EXPECT_EQ(parse_timeframe("1d").value(), Duration::days(1));
  EXPECT_EQ(parse_timeframe("1w").value(), Duration::days(7));
}

TEST(Timeframe, RejectsUnknownTextNamingTheChoices) {
  for (const char* text : {"", "7m", "1M", "60", "1h30m", " 1h"}) {
    auto parsed = parse_timeframe(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code(), core::ErrorCode::kParse);
    EXPECT_NE(parsed.error().message().find("1m, 3m, 5m"), std::string::npos);
  }
}

TEST(Timeframe, PrintsWhatItParses) {
  for (const char* text : {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "12h", "1d", "1w"}) {
    EXPECT_EQ(timeframe_to_string(parse_timeframe(text).value()), text);
  }
}

TEST(Timeframe, PrintsOtherWholeMinuteSpansInTheLargestWholeUnit) {
  EXPECT_EQ(timeframe_to_string(Duration::minutes(45)), "45m");
  EXPECT_EQ(timeframe_to_string(Duration::hours(3)), "3h");
  EXPECT_EQ(timeframe_to_string(Duration::days(2)), "2d");
  EXPECT_EQ(timeframe_to_string(Duration::days(14)), "2w");
  EXPECT_EQ(timeframe_to_string(Duration::seconds(90)), "1m30s");
}

}  // namespace
}  // namespace sigtrader::market
