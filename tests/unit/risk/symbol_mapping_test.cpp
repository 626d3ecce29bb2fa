#include "risk/symbol_mapping.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "risk/risk_engine.hpp"
#include "risk/validator.hpp"

namespace sigtrader::risk {
namespace {

using core::Decimal;
using core::Money;
using core::Price;
using core::Quantity;
using core::Symbol;

const core::Timestamp kPosted = core::Timestamp::from_seconds(1'700'000'000);
const Symbol kPepe{"PEPE", "USDT"};
const Symbol kPepe1000{"1000PEPE", "USDT"};
const Decimal kThousand = Decimal::from_int(1000);

// Binance futures' 1000PEPEUSDT: tick 0.0000001, whole units.
core::Instrument pepe_1000() {
  core::Instrument instrument;
  instrument.symbol = kPepe1000;
  instrument.venue = "sim";
  instrument.kind = core::InstrumentKind::kPerpetual;
  instrument.tick_size = Price::parse("0.0000001");
  instrument.step_size = Quantity::parse("1");
  instrument.min_qty = Quantity::parse("1");
  instrument.min_notional = Money::parse("5");
  instrument.max_leverage = 50;
  return instrument;
}

// A long PEPE/USDT signal in PEPE's own prices: entry 0.000012, stop 0.000011, target 0.000014.
EntryRequest pepe_signal() {
  EntryRequest request;
  request.ts = kPosted + core::Duration::minutes(1);
  request.signal_ts = kPosted;
  request.channel = core::ChannelId("telegram:-1001");
  request.symbol = kPepe;
  request.entry = Price::parse("0.000012");
  request.stop_loss = Price::parse("0.000011");
  request.targets = {Price::parse("0.000014")};
  request.confidence = 0.9;
  return request;
}

TEST(ToVenueUnits, MultipliesEveryPriceAndRoundsTheStopAwayFromTheEntry) {
  EntryRequest request = pepe_signal();
  request.entry = Price::parse("0.00001234567");
  request.stop_loss = Price::parse("0.00001099996");
  request.targets = {Price::parse("0.00001449996")};
  ASSERT_TRUE(to_venue_units(request, kThousand, pepe_1000()).ok());
  // × 1000: 0.01234567 → nearest tick 0.0123457; the stop 0.01099996 → down (further below the
  // entry of a long) 0.0109999, where the nearest tick 0.0110000 would tighten it; the target
  // 0.01449996 → nearest 0.0145000.
  EXPECT_EQ(request.entry, Price::parse("0.0123457"));
  EXPECT_EQ(request.stop_loss, Price::parse("0.0109999"));
  EXPECT_EQ(request.targets, (std::vector<Price>{Price::parse("0.0145")}));
}

TEST(ToVenueUnits, RoundsAShortsStopUp) {
  EntryRequest request = pepe_signal();
  request.side = core::PositionSide::kShort;
  request.stop_loss = Price::parse("0.00001300004");
  request.targets = {Price::parse("0.000011")};
  ASSERT_TRUE(to_venue_units(request, kThousand, pepe_1000()).ok());
  // 0.01300004 → up, above the short's entry 0.012: 0.0130001.
  EXPECT_EQ(request.entry, Price::parse("0.012"));
  EXPECT_EQ(request.stop_loss, Price::parse("0.0130001"));
  EXPECT_EQ(request.targets, (std::vector<Price>{Price::parse("0.011")}));
}

TEST(ToVenueUnits, AMultiplierOfOneLeavesThePricesExactlyAsGiven) {
  EntryRequest request = pepe_signal();
  request.entry = Price::parse("0.00001234567");  // off the tick, left for the venue to check
  ASSERT_TRUE(to_venue_units(request, Decimal::from_int(1), pepe_1000()).ok());
  EXPECT_EQ(request.entry, Price::parse("0.00001234567"));
  EXPECT_EQ(request.stop_loss, Price::parse("0.000011"));
}

TEST(ToVenueUnits, RefusesAPriceThatRoundsToZeroAndLeavesTheRequestAsItWas) {
  EntryRequest request = pepe_signal();
  request.stop_loss = Price::parse("0.00000000001");  // × 1000 = 0.00000001, under half a tick
  const core::Status status = to_venue_units(request, kThousand, pepe_1000());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kRejected);
  // Rounded down, as a long's stop is: 0.
  EXPECT_EQ(status.error().message(),
            "stop 0.00000000001 × the symbol mapping's multiplier 1000 rounds to 0 at the tick "
            "0.0000001 for 1000PEPE/USDT");
  EXPECT_EQ(request.entry, Price::parse("0.000012"));
}

TEST(EntryValidator, MapsASymbolByItsMappingOrItsRenameOrNotAtAll) {
  ValidatorConfig config;
  config.symbol_mappings = {{kPepe, SymbolMapping{kPepe1000, kThousand}}};
  config.symbol_map = {{Symbol{"XBT", "USDT"}, Symbol{"BTC", "USDT"}}};
  const EntryValidator validator(config);
  EXPECT_EQ(validator.mapping_for(kPepe), (SymbolMapping{kPepe1000, kThousand}));
  EXPECT_EQ(validator.mapping_for(Symbol{"XBT", "USDT"}),
            (SymbolMapping{Symbol{"BTC", "USDT"}, Decimal::from_int(1)}));
  EXPECT_EQ(validator.mapping_for(Symbol{"ETH", "USDT"}),
            (SymbolMapping{Symbol{"ETH", "USDT"}, Decimal::from_int(1)}));
  EXPECT_EQ(validator.mapped_symbol(kPepe), kPepe1000);
}

TEST(ValidatorConfig, RefusesANonPositiveMultiplierOrASymbolMappedTwice) {
  ValidatorConfig config;
  config.symbol_mappings = {{kPepe, SymbolMapping{kPepe1000, Decimal::from_int(0)}}};
  EXPECT_EQ(config.validate().error().message(),
            "risk validator: symbol_mappings: the price multiplier 0 of PEPE/USDT is not positive");

  config.symbol_mappings = {{kPepe, SymbolMapping{kPepe1000, kThousand}}};
  config.symbol_map = {{kPepe, kPepe1000}};
  EXPECT_EQ(config.validate().error().message(),
            "risk validator: PEPE/USDT is in both symbol_map and symbol_mappings; keep one");
}

TEST(RiskEngine, SizesAPepeSignalIn1000PepeUnitsAtTheVenuesPrices) {
  RiskEngineConfig config;
  config.validator.symbol_mappings = {{kPepe, SymbolMapping{kPepe1000, kThousand}}};
  RiskEngine engine(config);
  AccountView account;
  account.equity = Money::parse("10000");
  account.peak_equity = account.equity;
  account.day_start_equity = account.equity;
  const Price last = Price::parse("0.012");  // the venue's price of 1000 PEPE

  const RiskDecision decision = engine.decide(pepe_signal(), account, pepe_1000(), last);
  // Entry 0.000012 × 1000 = 0.012, stop 0.011, target 0.014. Moderate risk 1 % of 10000 = 100 USDT
  // over the stop distance 0.012 − 0.011 = 0.001 USDT: 100000 units of 1000PEPE (100 million
  // PEPE), 100000 × 0.012 = 1200 USDT, losing 100000 × 0.001 = 100 USDT at the stop.
  EXPECT_EQ(decision.kind, DecisionKind::kAccepted);
  EXPECT_EQ(decision.symbol, kPepe1000);
  EXPECT_EQ(decision.entry, Price::parse("0.012"));
  EXPECT_EQ(decision.stop_loss, Price::parse("0.011"));
  EXPECT_EQ(decision.targets, (std::vector<Price>{Price::parse("0.014")}));
  EXPECT_EQ(decision.quantity, Quantity::parse("100000"));
  EXPECT_EQ(decision.notional, Money::parse("1200"));
  EXPECT_EQ(decision.risk_at_stop, Money::parse("100"));
  EXPECT_EQ(engine.events().back().reason, "accepted long 100000 1000PEPE at 0.012 (1200 USDT)");

  // Renamed only, the signal's prices meet the venue's: 0.012 is "already above the target".
  RiskEngineConfig renamed;
  renamed.validator.symbol_map = {{kPepe, kPepe1000}};
  RiskEngine renaming(renamed);
  const RiskDecision wrong_units = renaming.decide(pepe_signal(), account, pepe_1000(), last);
  EXPECT_EQ(wrong_units.kind, DecisionKind::kRejected);
  ASSERT_FALSE(wrong_units.reasons.empty());
  EXPECT_EQ(wrong_units.reasons.back().text,
            "price 0.012 is already at or above the first target 0.000014 of a long");
}

TEST(RiskEngine, RefusesASignalWhosePricesCannotBeMapped) {
  RiskEngineConfig config;
  config.validator.symbol_mappings = {{kPepe, SymbolMapping{kPepe1000, kThousand}}};
  RiskEngine engine(config);
  EntryRequest request = pepe_signal();
  request.entry = Price::parse("0.00000000001");
  const RiskDecision decision =
      engine.decide(request, AccountView{}, pepe_1000(), Price::parse("0.012"));
  EXPECT_EQ(decision.kind, DecisionKind::kRejected);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].code, "symbol_mapping");
  EXPECT_EQ(engine.events().back().kind, "decision_rejected");
}

}  // namespace
}  // namespace sigtrader::risk
