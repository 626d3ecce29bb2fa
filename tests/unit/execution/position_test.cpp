#include "execution/position.hpp"

#include <gtest/gtest.h>

namespace sigtrader::execution {
namespace {

using core::Money;
using core::OrderSide;
using core::Price;
using core::Quantity;

constexpr OrderSide kBuy = OrderSide::kBuy;
constexpr OrderSide kSell = OrderSide::kSell;

Price px(std::string_view text) {
  return Price::parse(text);
}
Quantity qty(std::string_view text) {
  return Quantity::parse(text);
}
Money usd(std::string_view text) {
  return Money::parse(text);
}

Position btc() {
  return Position(core::Symbol{"BTC", "USDT"});
}

void fill(Position& position, OrderSide side, std::string_view price, std::string_view quantity,
          std::string_view fee = "0") {
  const auto status = position.apply_fill(side, px(price), qty(quantity), usd(fee));
  ASSERT_TRUE(status.ok()) << status.error().message();
}

// Two long at 105: 1 @ 100 + 1 @ 110.
Position two_long_at_105() {
  Position position = btc();
  fill(position, kBuy, "100", "1");
  fill(position, kBuy, "110", "1");
  return position;
}

TEST(Position, StartsFlat) {
  const Position position = btc();
  EXPECT_TRUE(position.is_flat());
  EXPECT_EQ(position.average_entry(), Price::zero());
  EXPECT_EQ(position.unrealized_pnl(px("100")), Money::zero());
}

TEST(Position, AddingToALongMovesTheAverageEntryByWeight) {
  // 1 @ 100 + 1 @ 110: cost 210 over 2 → 105.
  const Position position = two_long_at_105();
  EXPECT_TRUE(position.is_long());
  EXPECT_EQ(position.quantity(), qty("2"));
  EXPECT_EQ(position.cost_basis(), usd("210"));
  EXPECT_EQ(position.average_entry(), px("105"));
  EXPECT_EQ(position.realized_pnl(), Money::zero());
}

TEST(Position, PartialCloseOfALongRealizesExitMinusEntry) {
  // 2 @ 105, sell 1 @ 120: (120 − 105) × 1 = +15; 1 left at 105.
  Position position = two_long_at_105();
  fill(position, kSell, "120", "1");
  EXPECT_EQ(position.realized_pnl(), usd("15"));
  EXPECT_EQ(position.quantity(), qty("1"));
  EXPECT_EQ(position.average_entry(), px("105"));
  EXPECT_EQ(position.cost_basis(), usd("105"));
}

TEST(Position, ClosingExactlyLeavesItFlatWithNoCost) {
  // 2 @ 105, sell 2 @ 100: (100 − 105) × 2 = −10.
  Position position = two_long_at_105();
  fill(position, kSell, "100", "2");
  EXPECT_TRUE(position.is_flat());
  EXPECT_EQ(position.realized_pnl(), usd("-10"));
  EXPECT_EQ(position.cost_basis(), Money::zero());
  EXPECT_EQ(position.average_entry(), Price::zero());
}

TEST(Position, AFillLargerThanALongFlipsItShortAtTheFillPrice) {
  // 2 @ 105, sell 3 @ 120: closes 2 for (120 − 105) × 2 = +30, opens −1 @ 120.
  Position position = two_long_at_105();
  fill(position, kSell, "120", "3");
  EXPECT_EQ(position.realized_pnl(), usd("30"));
  EXPECT_TRUE(position.is_short());
  EXPECT_EQ(position.quantity(), qty("-1"));
  EXPECT_EQ(position.average_entry(), px("120"));
  EXPECT_EQ(position.cost_basis(), usd("120"));
}

TEST(Position, AShortProfitsWhenThePriceFalls) {
  // Sell 2 @ 100 → −2 @ 100. Buy 1 @ 90: (100 − 90) × 1 = +10. Unrealized on the last one at
  // 95: (100 − 95) × 1 = +5. Buy 1 @ 105: (100 − 105) × 1 = −5, total +5, flat.
  Position position = btc();
  fill(position, kSell, "100", "2");
  EXPECT_EQ(position.quantity(), qty("-2"));
  EXPECT_EQ(position.average_entry(), px("100"));
  fill(position, kBuy, "90", "1");
  EXPECT_EQ(position.realized_pnl(), usd("10"));
  EXPECT_EQ(position.unrealized_pnl(px("95")), usd("5"));
  fill(position, kBuy, "105", "1");
  EXPECT_EQ(position.realized_pnl(), usd("5"));
  EXPECT_TRUE(position.is_flat());
}

TEST(Position, AFillLargerThanAShortFlipsItLong) {
  // −1 @ 120, buy 3 @ 110: (120 − 110) × 1 = +10, opens 2 @ 110.
  Position position = btc();
  fill(position, kSell, "120", "1");
  fill(position, kBuy, "110", "3");
  EXPECT_EQ(position.realized_pnl(), usd("10"));
  EXPECT_EQ(position.quantity(), qty("2"));
  EXPECT_EQ(position.average_entry(), px("110"));
}

TEST(Position, FeesAccumulateApartFromRealizedPnl) {
  // Fees 0.1 + 0.11 + 0.12 = 0.33; realized (120 − 105) × 1 = 15; net 15 − 0.33 = 14.67.
  Position position = btc();
  fill(position, kBuy, "100", "1", "0.1");
  fill(position, kBuy, "110", "1", "0.11");
  fill(position, kSell, "120", "1", "0.12");
  EXPECT_EQ(position.fees(), usd("0.33"));
  EXPECT_EQ(position.realized_pnl(), usd("15"));
  EXPECT_EQ(position.net_realized_pnl(), usd("14.67"));
}

TEST(Position, UnrealizedPnlIsMarkAgainstTheCostBasis) {
  // 2 @ 105 (cost 210): at 100 → 200 − 210 = −10; at 112.5 → 225 − 210 = +15.
  const Position position = two_long_at_105();
  EXPECT_EQ(position.unrealized_pnl(px("100")), usd("-10"));
  EXPECT_EQ(position.unrealized_pnl(px("112.5")), usd("15"));
  // −1 @ 120 (cost 120) at 125: 120 − 125 = −5.
  Position short_one = btc();
  fill(short_one, kSell, "120", "1");
  EXPECT_EQ(short_one.unrealized_pnl(px("125")), usd("-5"));
}

TEST(Position, PartialClosesRoundOnlyTheShareTheyReleaseSoTheTotalStaysExact) {
  // 1 @ 100.00 + 2 @ 100.01: cost 300.02 over 3, average 100.006667 (2 + 4 decimals, half-even).
  // Sell 1 @ 101: releases 300.02 / 3 = 100.00666… → 100.01 at the cost's 2 decimals,
  // realizes 101 − 100.01 = 0.99 and keeps 200.01 for 2 (average 100.005).
  // Sell 2 @ 101: releases 200.01, realizes 202 − 200.01 = 1.99.
  // Total 2.98 = 3 × 101 − 300.02, exactly what one close of all 3 would have realized.
  Position position = btc();
  fill(position, kBuy, "100.00", "1");
  fill(position, kBuy, "100.01", "2");
  EXPECT_EQ(position.average_entry().to_string(), "100.006667");
  fill(position, kSell, "101", "1");
  EXPECT_EQ(position.realized_pnl(), usd("0.99"));
  EXPECT_EQ(position.cost_basis(), usd("200.01"));
  EXPECT_EQ(position.average_entry(), px("100.005"));
  fill(position, kSell, "101", "2");
  EXPECT_EQ(position.realized_pnl(), usd("2.98"));
  EXPECT_TRUE(position.is_flat());
}

TEST(Position, ARefusedFillChangesNothing) {
  Position position = two_long_at_105();
  const auto status = position.apply_fill(kSell, px("120"), Quantity::zero(), usd("1"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(position.quantity(), qty("2"));
  EXPECT_EQ(position.fees(), Money::zero());
}

TEST(Position, EventsCarryTheUnrealizedPnlAtTheMark) {
  Position position = two_long_at_105();
  fill(position, kSell, "120", "1", "0.5");
  const bus::EventHeader header{core::Timestamp::from_seconds(10),
                                core::Timestamp::from_seconds(11), core::TraceId("t")};
  const bus::PositionEvent event = to_event(position, px("130"), header);
  EXPECT_EQ(event.header.ts_init, core::Timestamp::from_seconds(11));
  EXPECT_EQ(event.symbol.to_string(), "BTC/USDT");
  EXPECT_EQ(event.quantity, qty("1"));
  EXPECT_EQ(event.average_entry, px("105"));
  EXPECT_EQ(event.realized_pnl, usd("15"));
  EXPECT_EQ(event.unrealized_pnl, usd("25"));  // 130 − 105
  EXPECT_EQ(event.fees, usd("0.5"));
}

}  // namespace
}  // namespace sigtrader::execution
