#include "market/funding_rates.hpp"

#include <gtest/gtest.h>

namespace sigtrader::market {
namespace {

TEST(FundingRates, ReadsTimesAndExactRates) {
  auto rates = parse_funding_csv(
      "timestamp,rate\n2024-01-01T00:00:00Z,0.0001\n1704096000000,-0.00025\n", "f.csv");
  ASSERT_TRUE(rates.ok()) << rates.error().message();
  ASSERT_EQ(rates->size(), 2u);
  EXPECT_EQ((*rates)[0].ts.to_iso8601(), "2024-01-01T00:00:00Z");
  EXPECT_EQ((*rates)[0].rate, core::Decimal::parse("0.0001"));
  EXPECT_EQ((*rates)[1].ts.to_iso8601(), "2024-01-01T08:00:00Z");
  EXPECT_EQ((*rates)[1].rate, core::Decimal::parse("-0.00025"));
}

TEST(FundingRates, AcceptsBinanceColumnNames) {
  auto rates = parse_funding_csv(
      "calc_time,funding_interval_hours,last_funding_rate\n1704067200000,8,0.00010000\n", "f.csv");
  ASSERT_TRUE(rates.ok()) << rates.error().message();
  EXPECT_EQ(rates->front().rate, core::Decimal::parse("0.0001"));
}

TEST(FundingRates, ABadRowIsAnErrorNamingItsLine) {
  auto rates = parse_funding_csv("timestamp,rate\n2024-01-01,0.0001\n2024-01-02,lots\n", "f.csv");
  ASSERT_FALSE(rates.ok());
  EXPECT_NE(rates.error().message().find("f.csv:3:"), std::string::npos) << rates.error().message();
}

TEST(FundingRates, TimesMustIncrease) {
  auto rates = parse_funding_csv("timestamp,rate\n2024-01-02,0.0001\n2024-01-01,0.0001\n", "f.csv");
  ASSERT_FALSE(rates.ok());
  EXPECT_NE(rates.error().message().find("not after the row before"), std::string::npos);
}

TEST(FundingRates, NeedsAHeaderWithBothColumns) {
  auto rates = parse_funding_csv("when,how_much\n2024-01-01,0.0001\n", "f.csv");
  ASSERT_FALSE(rates.ok());
  EXPECT_NE(rates.error().message().find("f.csv:1: expected a header"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::market
