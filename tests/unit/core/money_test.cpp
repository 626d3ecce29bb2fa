#include "core/money.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

TEST(Money, PriceTimesQuantityIsTheExactNotional) {
  // 68123.50 × 0.015: 6812350 × 15 = 102185250 at 2 + 3 = 5 decimals.
  const Money notional = Price::parse("68123.50") * Quantity::parse("0.015");
  EXPECT_EQ(notional.to_string(), "1021.85250");
  EXPECT_EQ(notional.scale(), 5);
  EXPECT_EQ(Quantity::parse("0.015") * Price::parse("68123.50"), notional);
  // A short position has a negative quantity and so a negative notional.
  EXPECT_EQ((Price::parse("2000") * Quantity::parse("-1.5")).to_string(), "-3000.0");
}

TEST(Money, QuantityForSpendsAtMostTheMoneyWhenRoundedDown) {
  // 1000 / 68123.5 = 0.014679...: 68123.5 × 0.01467 = 999.371745 <= 1000, while
  // 68123.5 × 0.01468 = 1000.05298 > 1000, so 5 decimals rounded down give 0.01467.
  auto quantity = quantity_for(Money::parse("1000"), Price::parse("68123.5"), 5, Rounding::kDown);
  ASSERT_TRUE(quantity.ok()) << quantity.error().message();
  EXPECT_EQ(quantity->to_string(), "0.01467");
  EXPECT_EQ(
      quantity_for(Money::parse("1000"), Price::parse("68123.5"), 5, Rounding::kUp)->to_string(),
      "0.01468");
  // 1000 / 0.00001234 = 81037277.147...: whole SHIB-style units.
  EXPECT_EQ(quantity_for(Money::parse("1000"), Price::parse("0.00001234"), 0, Rounding::kDown)
                ->to_string(),
            "81037277");
}

TEST(Money, QuantityForRejectsAZeroPrice) {
  auto quantity = quantity_for(Money::parse("1000"), Price::parse("0"), 5, Rounding::kDown);
  ASSERT_FALSE(quantity.ok());
  EXPECT_EQ(quantity.error().code(), ErrorCode::kInvalidArgument);
}

TEST(Money, AddsSubtractsAndComparesWithinOneKind) {
  Money balance = Money::parse("100.50");
  balance += Money::parse("0.25");
  EXPECT_EQ(balance.to_string(), "100.75");
  balance -= Money::parse("200");
  EXPECT_EQ(balance.to_string(), "-99.25");
  EXPECT_TRUE(balance.is_negative());
  EXPECT_EQ(balance.abs().to_string(), "99.25");
  EXPECT_EQ((-balance).to_string(), "99.25");
  EXPECT_EQ((Money::parse("1.5") - Money::parse("1.50")).to_string(), "0.00");
  EXPECT_TRUE((Money::parse("1.5") - Money::parse("1.50")).is_zero());
  EXPECT_LT(Money::parse("0.1"), Money::parse("0.10001"));
  EXPECT_EQ(Money::parse("68123.5"), Money::parse("68123.50"));
  EXPECT_EQ(Money::zero(), Money::from_int(0));
  EXPECT_TRUE(Money::from_int(7).is_positive());
}

TEST(Money, ScalesByAPlainFactorKeepingItsKind) {
  // A 0.1% taker fee on 1021.85250: 102185250 × 1 at 5 + 3 = 8 decimals.
  const Money fee = (Price::parse("68123.50") * Quantity::parse("0.015")) * Decimal::parse("0.001");
  EXPECT_EQ(fee.to_string(), "1.02185250");
  EXPECT_EQ((Quantity::parse("3") * Decimal::parse("0.5")).to_string(), "1.5");
}

TEST(Money, ArithmeticOverflowThrows) {
  const Money max = Money::parse("9223372036854775807");
  EXPECT_THROW((void)(max + Money::parse("1")), OverflowError);
  EXPECT_THROW((void)(Price::parse("9223372036854775807") * Quantity::parse("2")), OverflowError);
}

TEST(Money, RoundsPricesToATickAndQuantitiesToAStep) {
  EXPECT_EQ(
      Price::parse("68123.456").round_to(Price::parse("0.01"), Rounding::kNearest)->to_string(),
      "68123.46");
  EXPECT_EQ(Quantity::parse("0.0146792")
                .round_to(Quantity::parse("0.00001"), Rounding::kDown)
                ->to_string(),
            "0.01467");
  EXPECT_TRUE(Quantity::parse("0.015").is_multiple_of(Quantity::parse("0.005")));
  EXPECT_FALSE(Price::parse("68123.505").is_multiple_of(Price::parse("0.01")));
  EXPECT_EQ(Price::parse("68123.5").rescaled(2, Rounding::kDown)->to_string(), "68123.50");
  EXPECT_EQ(Price::parse("1").round_to(Price::parse("0"), Rounding::kDown).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(Money, ParsesAndConvertsThroughTheDecimal) {
  EXPECT_EQ(Price::try_parse("1,5").error().code(), ErrorCode::kParse);
  EXPECT_EQ(Quantity::try_parse("1000000000000")->to_string(), "1000000000000");
  EXPECT_EQ(Price::from_double(0.1, 8)->to_string(), "0.10000000");
  EXPECT_EQ(Price::from_double(1e30, 0).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Price::parse("68123.5").to_double(), 68123.5);
  EXPECT_EQ(Price::parse("68123.50").decimal().mantissa(), 6812350);
  char buffer[Decimal::kMaxChars];
  const Quantity quantity = Quantity::parse("0.00001234");
  EXPECT_EQ(std::string_view(buffer, quantity.format_to(buffer)), "0.00001234");
}

}  // namespace
}  // namespace sigtrader::core
