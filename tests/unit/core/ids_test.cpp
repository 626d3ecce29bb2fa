#include "core/ids.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "core/result.hpp"

namespace sigtrader::core {
namespace {

TEST(ClientOrderIdGenerator, GivesUniqueIdsWithinBinanceLimits) {
  SimClock clock(Timestamp::from_ms(1'704'067'200'000));
  ClientOrderIdGenerator generator("sigtrader123", clock);
  std::set<std::string> seen;
  // Binance: newClientOrderId matches ^[.A-Z:/a-z0-9_-]{1,36}$.
  auto binance_allows = [](const std::string& id) {
    return !id.empty() && id.size() <= 36 && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
             c == '.' || c == ':' || c == '/' || c == '_' || c == '-';
    });
  };
  for (int i = 0; i < 1000; ++i) {
    const auto id = generator.next();
    EXPECT_TRUE(binance_allows(id.str())) << id.str();
    EXPECT_TRUE(seen.insert(id.str()).second) << id.str();
  }
  EXPECT_EQ(*seen.begin(), "sigtrader123-1704067200000-1");
}

TEST(ClientOrderIdGenerator, DiffersAfterARestartAndRepeatsInAReplay) {
  SimClock first_run(Timestamp::from_ms(1'000));
  SimClock restarted(Timestamp::from_ms(2'000));
  ClientOrderIdGenerator a("st", first_run);
  ClientOrderIdGenerator b("st", restarted);
  ClientOrderIdGenerator replay("st", first_run);
  const auto first = a.next();
  EXPECT_NE(first, b.next());
  EXPECT_EQ(first, replay.next());
}

TEST(Result, CarriesAValueOrAnErrorAndPropagatesIt) {
  auto half = [](int x) -> Result<int> {
    if (x % 2 != 0) return Error(ErrorCode::kInvalidArgument, "odd");
    return x / 2;
  };
  auto quarter = [&](int x) -> Result<int> {
    SIGTRADER_TRY(int h, half(x));
    return half(h);
  };
  EXPECT_EQ(*quarter(8), 2);
  ASSERT_FALSE(quarter(6).ok());
  EXPECT_EQ(quarter(6).error().message(), "odd");
  EXPECT_EQ(quarter(6).error().with_context("input 6").message(), "input 6: odd");
  EXPECT_EQ(half(3).value_or(-1), -1);
}

TEST(ResultDeathTest, AbortsWhenReadingTheValueOfAFailure) {
  Result<int> failed = Error(ErrorCode::kNotFound, "missing");
  EXPECT_DEATH((void)failed.value(), "value\\(\\) of a failed Result");
}

}  // namespace
}  // namespace sigtrader::core
