#include "signals/number_text.hpp"

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::string parsed(std::string_view text) {
  const auto value = parse_number_text(text);
  return value ? value->to_string() : "none";
}

TEST(NumberText, ReadsTheNotationsChannelsUse) {
  EXPECT_EQ(parsed("42500"), "42500");
  EXPECT_EQ(parsed("42,500.5"), "42500.5");
  EXPECT_EQ(parsed("42 500"), "42500");
  EXPECT_EQ(parsed("42\u00a0500"), "42500");  // no-break space
  EXPECT_EQ(parsed("1,234,567"), "1234567");
  EXPECT_EQ(parsed("1.234.567"), "1234567");
  EXPECT_EQ(parsed("0.00001234"), "0.00001234");
  EXPECT_EQ(parsed("1.2k"), "1200");
  EXPECT_EQ(parsed("2.5M"), "2500000");
  EXPECT_EQ(parsed("42.500,5"), "42500.5");
  EXPECT_EQ(parsed(".5"), "0.5");
}

TEST(NumberText, ASingleSeparatorIsADecimalPointUnlessItGroupsThousandsWithAComma) {
  EXPECT_EQ(parsed("1.500"), "1.5");      // a price, not fifteen hundred
  EXPECT_EQ(parsed("42,500"), "42500");   // English thousands
  EXPECT_EQ(parsed("1,5"), "1.5");        // decimal comma
  EXPECT_EQ(parsed("0,0012"), "0.0012");  // a leading zero never starts a thousands group
  EXPECT_EQ(parsed("1,2345"), "1.2345");
}

TEST(NumberText, NormalisesTrailingZeros) {
  EXPECT_EQ(parsed("42500.50"), "42500.5");
  EXPECT_EQ(parsed("100.00"), "100");
}

TEST(NumberText, RefusesWhatIsNotANumber) {
  for (std::string_view text : {"", "abc", "-5", "+5", "4 25", "1,23,456", "1.2.3", "42,500.5.1",
                                "5%", "10x", "1..2", "1,", "k"}) {
    EXPECT_EQ(parsed(text), "none") << text;
  }
}

}  // namespace
}  // namespace sigtrader::signals
