#include "strategy/entry_split.hpp"

#include <gtest/gtest.h>

namespace sigtrader::strategy {
namespace {

using core::Price;
using core::Quantity;

core::Instrument btc() {
  core::Instrument instrument;
  instrument.symbol = core::Symbol{"BTC", "USDT"};
  instrument.tick_size = Price::parse("0.01");
  instrument.step_size = Quantity::parse("0.001");
  return instrument;
}

std::vector<EntryLevel> split(const char* first, const char* last, EntrySplit how,
                              const char* total) {
  auto levels =
      split_entry(Price::parse(first), Price::parse(last), how, Quantity::parse(total), btc());
  EXPECT_TRUE(levels.ok()) << levels.error().message();
  return levels.ok() ? *levels : std::vector<EntryLevel>{};
}

void expect_level(const EntryLevel& level, const char* price, const char* quantity) {
  EXPECT_EQ(level.price, Price::parse(price));
  EXPECT_EQ(level.quantity, Quantity::parse(quantity));
}

TEST(EntrySplit, EvenSplitOfTwoPutsHalfAtEachEnd) {
  // 100–96 in 2 orders: 100 and 96, 10 / 2 = 5 each.
  const auto levels = split("100", "96", {2, SplitRatio::kEven, {}}, "10");
  ASSERT_EQ(levels.size(), 2u);
  expect_level(levels[0], "100", "5");
  expect_level(levels[1], "96", "5");
}

TEST(EntrySplit, IncreasingWeightsTheFarEndMost) {
  // 100–96 in 3: prices 100, 98, 96; weights 1:2:3 of 1.2 → 0.2, 0.4, 0.6.
  const auto levels = split("100", "96", {3, SplitRatio::kIncreasing, {}}, "1.2");
  ASSERT_EQ(levels.size(), 3u);
  expect_level(levels[0], "100", "0.2");
  expect_level(levels[1], "98", "0.4");
  expect_level(levels[2], "96", "0.6");
}

TEST(EntrySplit, DecreasingWeightsTheFirstPriceMost) {
  // weights 3:2:1 of 1.2 → 0.6, 0.4, 0.2.
  const auto levels = split("100", "96", {3, SplitRatio::kDecreasing, {}}, "1.2");
  ASSERT_EQ(levels.size(), 3u);
  expect_level(levels[0], "100", "0.6");
  expect_level(levels[1], "98", "0.4");
  expect_level(levels[2], "96", "0.2");
}

TEST(EntrySplit, CustomWeightsAreUsedAsGiven) {
  // A short range 50–53 in 4 orders: 50, 51, 52, 53; weights 1:1:1:2 of 1 → 0.2, 0.2, 0.2, 0.4.
  EntrySplit how{4,
                 SplitRatio::kCustom,
                 {core::Decimal::from_int(1), core::Decimal::from_int(1),
                  core::Decimal::from_int(1), core::Decimal::from_int(2)}};
  const auto levels = split("50", "53", how, "1");
  ASSERT_EQ(levels.size(), 4u);
  expect_level(levels[0], "50", "0.2");
  expect_level(levels[1], "51", "0.2");
  expect_level(levels[2], "52", "0.2");
  expect_level(levels[3], "53", "0.4");
}

TEST(EntrySplit, TheLastOrderTakesWhatRoundingLeft) {
  // 1 / 3 = 0.333 (down to the step) twice; the last takes 1 − 0.666 = 0.334. The middle price
  // 100 − 1.005 = 98.995 rounds to the tick: 99.00 (nearest, tie away from zero).
  const auto levels = split("100", "97.99", {3, SplitRatio::kEven, {}}, "1");
  ASSERT_EQ(levels.size(), 3u);
  expect_level(levels[0], "100", "0.333");
  expect_level(levels[1], "99", "0.333");
  expect_level(levels[2], "97.99", "0.334");
}

TEST(EntrySplit, CustomWeightsMustMatchTheOrderCount) {
  EntrySplit how{3, SplitRatio::kCustom, {core::Decimal::from_int(1)}};
  auto levels =
      split_entry(Price::parse("100"), Price::parse("96"), how, Quantity::parse("1"), btc());
  ASSERT_FALSE(levels.ok());
  EXPECT_NE(levels.error().message().find("1 custom weights for 3 orders"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::strategy
