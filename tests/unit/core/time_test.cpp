#include "core/time.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

// 2024-01-01T00:00:00Z is 1704067200 s after the epoch (19723 days × 86400).
constexpr std::int64_t kNewYear2024 = 1'704'067'200;

TEST(Timestamp, ParsesIso8601InUtcAndWithOffsets) {
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01T00:00:00Z")->seconds(), kNewYear2024);
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01")->seconds(), kNewYear2024);
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01 00:00:00")->seconds(), kNewYear2024);
  // 02:00 at +02:00 is midnight UTC; 19:00 the day before at -05:00 is too.
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01T02:00:00+02:00")->seconds(), kNewYear2024);
  EXPECT_EQ(Timestamp::try_parse_iso8601("2023-12-31T19:00:00-05:00")->seconds(), kNewYear2024);
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01T00:00:00.123456789Z")->ns(),
            kNewYear2024 * 1'000'000'000 + 123'456'789);
  EXPECT_EQ(Timestamp::try_parse_iso8601("2024-01-01T00:00:00.5Z")->ns(),
            kNewYear2024 * 1'000'000'000 + 500'000'000);
  EXPECT_EQ(Timestamp::try_parse_iso8601("1970-01-01T00:00:00Z")->ns(), 0);
  // 2000-02-29 exists (divisible by 400): 11016 days after the epoch.
  EXPECT_EQ(Timestamp::try_parse_iso8601("2000-02-29")->seconds(), 11016LL * 86400);
}

TEST(Timestamp, RejectsMalformedTimesWithAClearMessage) {
  for (const char* text :
       {"", "2024", "2024-13-01", "2023-02-29", "2024-01-01T25:00:00Z", "2024-01-01T00:00:00Q",
        "2024-01-01T00:00:00.Z", "01/02/2024", "2024-01-01T00:00:00+2", "2024-01-01T00:60"}) {
    auto parsed = Timestamp::try_parse_iso8601(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kParse);
    EXPECT_NE(parsed.error().message().find("ISO-8601"), std::string::npos);
  }
}

TEST(Timestamp, FormatsWithTheShortestExactFraction) {
  const auto t = Timestamp::from_seconds(kNewYear2024);
  EXPECT_EQ(t.to_iso8601(), "2024-01-01T00:00:00Z");
  EXPECT_EQ((t + Duration::milliseconds(250)).to_iso8601(), "2024-01-01T00:00:00.250Z");
  EXPECT_EQ((t + Duration::microseconds(1)).to_iso8601(), "2024-01-01T00:00:00.000001Z");
  EXPECT_EQ((t + Duration::nanoseconds(7)).to_iso8601(), "2024-01-01T00:00:00.000000007Z");
  EXPECT_EQ((t - Duration::seconds(1)).to_iso8601(), "2023-12-31T23:59:59Z");
  EXPECT_EQ(Timestamp::from_ns(-1).to_iso8601(), "1969-12-31T23:59:59.999999999Z");
}

TEST(Timestamp, RoundTripsThroughIso8601) {
  for (std::int64_t ns : {0LL, 1LL, 1'704'067'200'123'000'000LL, 4'102'444'799'999'999'999LL,
                          951'782'400'000'000'000LL}) {
    const auto t = Timestamp::from_ns(ns);
    EXPECT_EQ(Timestamp::try_parse_iso8601(t.to_iso8601())->ns(), ns) << t.to_iso8601();
  }
}

TEST(Timestamp, GivesDateHourAndDayStart) {
  const auto t = *Timestamp::try_parse_iso8601("2024-03-05T17:45:12Z");
  EXPECT_EQ(t.date_string(), "2024-03-05");
  EXPECT_EQ(t.hour(), 17);
  EXPECT_EQ(t.start_of_day().to_iso8601(), "2024-03-05T00:00:00Z");
  EXPECT_EQ(t.floor_to(Duration::minutes(15)).to_iso8601(), "2024-03-05T17:45:00Z");
  EXPECT_EQ(t.floor_to(Duration::hours(4)).to_iso8601(), "2024-03-05T16:00:00Z");
}

TEST(Duration, ParsesTheFormsConfigsUse) {
  EXPECT_EQ(Duration::try_parse("4h")->count_ns(), Duration::hours(4).count_ns());
  EXPECT_EQ(Duration::try_parse("90s")->count_ns(), 90'000'000'000);
  EXPECT_EQ(Duration::try_parse("1h30m")->count_ns(), Duration::minutes(90).count_ns());
  EXPECT_EQ(Duration::try_parse("250ms")->count_ns(), 250'000'000);
  EXPECT_EQ(Duration::try_parse("1d")->count_ns(), 86'400'000'000'000);
  EXPECT_EQ(Duration::try_parse("-5m")->count_ns(), -300'000'000'000);
  for (const char* bad : {"", "h", "4", "4x", "4h30", "1.5h", "-", "99999999999999999999s"}) {
    EXPECT_FALSE(Duration::try_parse(bad).ok()) << bad;
  }
}

TEST(Duration, FormatsTheShortestFormItReadsBack) {
  EXPECT_EQ(Duration::hours(4).to_string(), "4h");
  EXPECT_EQ(Duration::minutes(90).to_string(), "1h30m");
  EXPECT_EQ(Duration::milliseconds(250).to_string(), "250ms");
  EXPECT_EQ(Duration().to_string(), "0s");
  EXPECT_EQ((Duration::days(1) + Duration::seconds(1)).to_string(), "1d1s");
  for (auto d : {Duration::minutes(90), Duration::nanoseconds(1'500), -Duration::seconds(3)}) {
    EXPECT_EQ(Duration::try_parse(d.to_string())->count_ns(), d.count_ns()) << d.to_string();
  }
}

}  // namespace
}  // namespace sigtrader::core
