#include "core/instrument.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

// BTCUSDT spot filters as Binance publishes them (tick 0.01, step 0.00001, min notional 5).
Instrument btc_usdt() {
  return Instrument{Symbol{"BTC", "USDT"},      "binance",
                    InstrumentKind::kSpot,      Price::parse("0.01"),
                    Quantity::parse("0.00001"), Quantity::parse("0.00001"),
                    Money::parse("5"),          1};
}

TEST(Symbol, ParsesBaseSlashQuote) {
  auto symbol = Symbol::try_parse("btc/usdt");
  ASSERT_TRUE(symbol.ok());
  EXPECT_EQ(symbol->to_string(), "BTC/USDT");
  EXPECT_EQ(symbol->joined(), "BTCUSDT");
  EXPECT_EQ(Symbol::try_parse("1000PEPE/USDT")->base, "1000PEPE");
  for (const char* bad : {"BTCUSDT", "/USDT", "BTC/", "BTC/US DT", "BTC//USDT", ""}) {
    EXPECT_FALSE(Symbol::try_parse(bad).ok()) << bad;
  }
}

TEST(Instrument, AcceptsAnOrderThatMeetsEveryFilter) {
  // 0.001 BTC at 68123.45 is 68.12345 USDT, above the 5 USDT minimum.
  EXPECT_TRUE(
      btc_usdt()
          .validate_order(OrderSide::kBuy, Quantity::parse("0.001"), Price::parse("68123.45"))
          .ok());
  EXPECT_TRUE(
      btc_usdt().validate_order(OrderSide::kSell, Quantity::parse("0.5"), std::nullopt).ok());
}

TEST(Instrument, NamesEveryFilterAnOrderBreaks) {
  const auto status = btc_usdt().validate_order(OrderSide::kBuy, Quantity::parse("0.000015"),
                                                Price::parse("68123.455"), 3);
  ASSERT_FALSE(status.ok());
  const auto& message = status.error().message();
  EXPECT_EQ(status.error().code(), ErrorCode::kRejected);
  EXPECT_NE(message.find("buy order for BTC/USDT on binance rejected"), std::string::npos);
  EXPECT_NE(message.find("quantity 0.000015 is not a multiple of the step size 0.00001"),
            std::string::npos);
  EXPECT_NE(message.find("price 68123.455 is not a multiple of the tick size 0.01"),
            std::string::npos);
  // 68123.455 × 0.000015 = 1.021851825, below 5.
  EXPECT_NE(message.find("notional 1.021851825 is below the minimum notional 5"),
            std::string::npos);
  EXPECT_NE(message.find("leverage 3x is outside 1x..1x"), std::string::npos);
}

TEST(Instrument, RejectsQuantitiesBelowTheMinimumAndNonPositiveValues) {
  auto instrument = btc_usdt();
  instrument.min_qty = Quantity::parse("0.001");
  auto below = instrument.validate_order(OrderSide::kBuy, Quantity::parse("0.0005"), std::nullopt);
  ASSERT_FALSE(below.ok());
  EXPECT_NE(below.error().message().find("quantity 0.0005 is below the minimum quantity 0.001"),
            std::string::npos);
  EXPECT_FALSE(instrument.validate_order(OrderSide::kBuy, Quantity::parse("0"), std::nullopt).ok());
  EXPECT_FALSE(
      instrument.validate_order(OrderSide::kBuy, Quantity::parse("0.01"), Price::parse("-1")).ok());
}

TEST(Instrument, RoundsPricesToTheTickAndQuantitiesDownToTheStep) {
  const auto instrument = btc_usdt();
  EXPECT_EQ(instrument.round_price(Price::parse("68123.456"))->to_string(), "68123.46");
  EXPECT_EQ(instrument.round_price(Price::parse("68123.456"), Rounding::kDown)->to_string(),
            "68123.45");
  EXPECT_EQ(instrument.round_quantity(Quantity::parse("0.0146789"))->to_string(), "0.01467");
}

TEST(Instrument, ChecksItsOwnFilters) {
  EXPECT_TRUE(btc_usdt().validate().ok());
  auto broken = btc_usdt();
  broken.tick_size = Price::parse("0");
  broken.max_leverage = 20;
  const auto status = broken.validate();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("tick size 0 must be positive"), std::string::npos);
  EXPECT_NE(status.error().message().find("max leverage 20 must be 1 for spot"), std::string::npos);
  auto perpetual = btc_usdt();
  perpetual.kind = InstrumentKind::kPerpetual;
  perpetual.max_leverage = 125;
  EXPECT_TRUE(perpetual.validate().ok());
  EXPECT_TRUE(
      perpetual
          .validate_order(OrderSide::kSell, Quantity::parse("0.01"), Price::parse("68000.00"), 20)
          .ok());
}

}  // namespace
}  // namespace sigtrader::core
