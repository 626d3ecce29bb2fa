#include "net/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::net {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ParseUrl, SplitsAnHttpsUrlIntoSchemeHostDefaultPortAndTarget) {
  const auto url = parse_url("https://api.binance.com/api/v3/klines?symbol=BTCUSDT&limit=1000");
  ASSERT_TRUE(url.ok()) << url.error().message();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "api.binance.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/api/v3/klines?symbol=BTCUSDT&limit=1000");
  EXPECT_TRUE(url->tls());
  EXPECT_EQ(url->authority(), "api.binance.com:443");
}

TEST(ParseUrl, ReadsAnExplicitPortAndDefaultsTheTargetToSlash) {
  const auto url = parse_url("http://127.0.0.1:8080");
  ASSERT_TRUE(url.ok()) << url.error().message();
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->target, "/");
  EXPECT_FALSE(url->tls());
}

TEST(ParseUrl, LowerCasesSchemeAndHostButKeepsThePathAsWritten) {
  const auto url = parse_url("HTTP://Example.COM/Api/V3");
  ASSERT_TRUE(url.ok()) << url.error().message();
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "example.com");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->target, "/Api/V3");
}

TEST(ParseUrl, PutsASlashBeforeAQueryWithoutPathAndDropsTheFragment) {
  const auto url = parse_url("http://host?x=1#part");
  ASSERT_TRUE(url.ok()) << url.error().message();
  EXPECT_EQ(url->target, "/?x=1");
}

TEST(ParseUrl, ReadsAnIpv6LiteralInBrackets) {
  const auto url = parse_url("http://[::1]:9000/x");
  ASSERT_TRUE(url.ok()) << url.error().message();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->authority(), "[::1]:9000");
}

TEST(ParseUrl, RefusesWhatIsNotAnAbsoluteHttpUrl) {
  for (const char* text : {"api.binance.com/api", "ftp://host/file", "http://", "http://:80/",
                           "http://host:0/", "http://host:70000/", "http://host:/",
                           "http://host:8a/", "http://ho st/", "http://host/a b", "http://[::1/"}) {
    const auto url = parse_url(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.error().code(), core::ErrorCode::kParse) << text;
  }
}

TEST(ParseUrl, RefusesCredentialsInTheUrlWithoutEchoingThem) {
  const auto url = parse_url("https://trader:hunter2@api.binance.com/");
  ASSERT_FALSE(url.ok());
  EXPECT_THAT(url.error().message(), HasSubstr("user info"));
  EXPECT_THAT(url.error().message(), Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace sigtrader::net
