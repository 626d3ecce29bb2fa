#include "execution/sim_pricing.hpp"

#include <gtest/gtest.h>

#include "sim_test_support.hpp"

namespace sigtrader::execution {
namespace {

using core::Decimal;
using testing::px;
using testing::qty;
using testing::usd;

TEST(SimPricing, FeeIsRateTimesNotionalRoundedHalfEvenToEightDecimals) {
  // 212.22 × 0.0005 = 0.10611 exactly.
  EXPECT_EQ(fee_for(usd("212.22"), Decimal::parse("0.0005")), usd("0.10611"));
  // 12.345 × 0.000001 = 0.000012345 → the tie goes to the even 0.00001234;
  // 12.355 × 0.000001 = 0.000012355 → 0.00001236.
  EXPECT_EQ(fee_for(usd("12.345"), Decimal::parse("0.000001")), usd("0.00001234"));
  EXPECT_EQ(fee_for(usd("12.355"), Decimal::parse("0.000001")), usd("0.00001236"));
  // A negative maker rate is a rebate: 1000 × −0.0001 = −0.1.
  EXPECT_EQ(fee_for(usd("1000"), Decimal::parse("-0.0001")), usd("-0.1"));
}

TEST(SimPricing, SlippageMovesAgainstTheTakerAndRoundsToTheTickAgainstHimToo) {
  // 106 × 1.001 = 106.106 → up to 106.11 for a buy; 106 × 0.999 = 105.894 → down to 105.89.
  EXPECT_EQ(slipped_price(px("106"), core::OrderSide::kBuy, Decimal::parse("10"), px("0.01")),
            px("106.11"));
  EXPECT_EQ(slipped_price(px("106"), core::OrderSide::kSell, Decimal::parse("10"), px("0.01")),
            px("105.89"));
}

TEST(SimPricing, IsolatedLiquidationPriceFollowsTheFormula) {
  // Long 10x at 2000, mmr 0.5 %: 2000 × (1 − 0.1 + 0.005) = 1810.
  // Short: 2000 × (1 + 0.1 − 0.005) = 2190.
  const Decimal mmr = Decimal::parse("0.005");
  EXPECT_EQ(liquidation_price(core::PositionSide::kLong, px("2000"), 10, mmr, px("0.01")),
            px("1810"));
  EXPECT_EQ(liquidation_price(core::PositionSide::kShort, px("2000"), 10, mmr, px("0.01")),
            px("2190"));
  // Long 3x at 100, mmr 0: 100 × 2/3 = 66.666… → rounded up towards the entry: 66.67.
  EXPECT_EQ(liquidation_price(core::PositionSide::kLong, px("100"), 3, Decimal(), px("0.01")),
            px("66.67"));
}

TEST(SimPricing, MarginIsNotionalOverLeverage) {
  // 2000 / 10 = 200; 100 / 3 = 33.33333333 (8 decimals).
  EXPECT_EQ(margin_for(usd("2000"), 10), usd("200"));
  EXPECT_EQ(margin_for(usd("100"), 3), usd("33.33333333"));
}

TEST(SimPricing, FundingIsPaidByLongsWhenTheRateIsPositive) {
  // −1 × 2010 × 0.0001 = −0.201 for a long; +0.201 for a short of 1.
  EXPECT_EQ(funding_amount(qty("1"), px("2010"), Decimal::parse("0.0001")), usd("-0.201"));
  EXPECT_EQ(funding_amount(qty("-1"), px("2010"), Decimal::parse("0.0001")), usd("0.201"));
}

}  // namespace
}  // namespace sigtrader::execution
