#include "execution/average_price.hpp"

#include <gtest/gtest.h>

namespace sigtrader::execution {
namespace {

using core::Money;
using core::Price;
using core::Quantity;

TEST(AveragePrice, KeepsFourDecimalsBeyondThePriceScale) {
  // 200 / 3 = 66.666… → 2 + 4 = 6 decimals, half-even: 66.666667.
  const auto average = average_price(Money::parse("200"), Quantity::parse("3"), 2);
  ASSERT_TRUE(average.ok());
  EXPECT_EQ(average->to_string(), "66.666667");
}

TEST(AveragePrice, RoundsATieToTheEvenNeighbour) {
  // 0.00025 / 1 at 0 + 4 decimals is a tie between 0.0002 and 0.0003: half-even keeps 0.0002.
  const auto average = average_price(Money::parse("0.00025"), Quantity::parse("1"), 0);
  ASSERT_TRUE(average.ok());
  EXPECT_EQ(average->to_string(), "0.0002");
}

TEST(AveragePrice, UsesFewerDecimalsWhenTheValueWouldNotFit) {
  // 68123 with 18 decimals needs a mantissa of 6.8 × 10^22, more than 64 bits hold (9.2 × 10^18);
  // the first scale that fits is 14 (6.8 × 10^18).
  const auto average = average_price(Money::parse("136246"), Quantity::parse("2"), 16);
  ASSERT_TRUE(average.ok()) << average.error().message();
  EXPECT_EQ(*average, Price::parse("68123"));
  EXPECT_EQ(average->scale(), 14);
}

TEST(AveragePrice, RefusesAZeroQuantity) {
  const auto average = average_price(Money::parse("1"), Quantity::zero(), 2);
  ASSERT_FALSE(average.ok());
  EXPECT_EQ(average.error().code(), core::ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace sigtrader::execution
