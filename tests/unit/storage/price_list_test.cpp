#include "storage/price_list.hpp"

#include <gtest/gtest.h>

namespace sigtrader::storage {
namespace {

TEST(PriceList, WritesAJsonArrayOfExactDecimalStrings) {
  EXPECT_EQ(encode_price_list({}), "[]");
  EXPECT_EQ(encode_price_list({core::Price::parse("68000.50"), core::Price::parse("0.00001234")}),
            R"(["68000.50","0.00001234"])");
}

TEST(PriceList, ReadsBackWhatItWroteKeepingEveryDigit) {
  const std::vector<core::Price> prices = {
      core::Price::parse("68000.50"), core::Price::parse("0.00001234"), core::Price::parse("-1.5")};
  const auto decoded = decode_price_list(encode_price_list(prices));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  ASSERT_EQ(decoded->size(), 3u);
  EXPECT_EQ(decoded->at(0).to_string(), "68000.50");
  EXPECT_EQ(decoded->at(1).to_string(), "0.00001234");
  EXPECT_EQ(decoded->at(2).to_string(), "-1.5");
}

TEST(PriceList, AcceptsWhitespaceAsJsonAllowsIt) {
  const auto decoded = decode_price_list(" [ \"1.5\" ,\n \"2\" ] ");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message();
  EXPECT_EQ(decoded->size(), 2u);
  EXPECT_TRUE(decode_price_list("[ ]").ok());
}

TEST(PriceList, RejectsAnythingElseWithAParseError) {
  for (const char* bad : {"", "[", "]", "[1.5]", "[\"1.5\"", "[\"1.5\",]", "[\"abc\"]",
                          "[\"1.5\"] x", "{\"a\":\"1\"}", "[\"1.5\" \"2\"]"}) {
    const auto decoded = decode_price_list(bad);
    EXPECT_FALSE(decoded.ok()) << "accepted: " << bad;
  }
  EXPECT_EQ(decode_price_list("[1.5]").error().code(), core::ErrorCode::kParse);
}

}  // namespace
}  // namespace sigtrader::storage
