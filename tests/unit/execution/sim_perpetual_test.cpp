#include <gtest/gtest.h>

#include "execution/sim_exchange.hpp"
#include "sim_test_support.hpp"

// Perpetuals on SimExchange: isolated margin, liquidation and funding. ETH/USDT, 1000 USDT wallet,
// 0.02 % maker / 0.05 % taker, maintenance margin rate 0.5 %.
namespace sigtrader::execution {
namespace {

using core::OrderSide;
using core::OrderStatus;
using core::OrderType;
using Kind = ExecutionReport::Kind;
using namespace testing;

SimExchangeConfig perpetual_config() {
  SimExchangeConfig config = base_config();
  config.starting_balances = {{"USDT", usd("1000")}};
  return config;
}

// Opens long 1 ETH at 2000 with 10x: margin 200, fee 2000 × 0.0005 = 1, wallet 999.
void open_long_10x(SimHarness& sim) {
  ASSERT_TRUE(sim.exchange.set_leverage(kEth, 10).ok());
  sim.place(request("open", kEth, OrderSide::kBuy, OrderType::kMarket, "1"));
  sim.feed(kEth, "2000", "2000", "2000", "2000");
  ASSERT_EQ(sim.status(kEth, "open"), OrderStatus::kFilled);
  sim.listener.reports.clear();
}

TEST(SimPerpetual, LongWithLeverageTenHoldsATenthAsMarginAndKnowsItsLiquidationPrice) {
  SimHarness sim(perpetual_config());
  open_long_10x(sim);
  const auto positions = sim.exchange.positions();
  ASSERT_EQ(positions->size(), 1U);
  const VenuePosition& position = positions->front();
  EXPECT_EQ(position.quantity, qty("1"));
  EXPECT_EQ(position.entry_price, px("2000"));
  EXPECT_EQ(position.leverage, 10);
  EXPECT_EQ(position.margin, usd("200"));  // 2000 / 10
  // 2000 × (1 − 1/10 + 0.005) = 1810.
  ASSERT_TRUE(position.liquidation_price.has_value());
  EXPECT_EQ(*position.liquidation_price, px("1810"));
  EXPECT_EQ(sim.balance("USDT"), usd("999"));    // no notional changes hands, only the fee
  EXPECT_EQ(sim.available("USDT"), usd("799"));  // 999 − 200 margin
}

TEST(SimPerpetual, WickThroughTheLiquidationPriceClosesThePositionAndTakesItsMargin) {
  SimHarness sim(perpetual_config());
  open_long_10x(sim);
  OrderRequest stop = request("stop", kEth, OrderSide::kSell, OrderType::kStopMarket, "1");
  stop.trigger_price = px("1805");  // below the liquidation price: too late
  stop.reduce_only = true;
  sim.place(stop);

  // 1950 → 1960 (+20 min) → 1800 (+40 min) → 1900: 1810 is reached 150/160 of the way down,
  // at +20 + 18.75 = +38 min 45 s, before the stop at 1805.
  sim.feed(kEth, "1950", "1960", "1800", "1900");
  const auto liquidations = sim.listener.of_kind(Kind::kLiquidation);
  ASSERT_EQ(liquidations.size(), 1U);
  const ExecutionReport& liquidation = liquidations[0];
  EXPECT_EQ(liquidation.client_order_id.str(), "liq-1");
  EXPECT_EQ(liquidation.side, OrderSide::kSell);
  EXPECT_EQ(liquidation.price, px("1810"));
  EXPECT_EQ(liquidation.quantity, qty("1"));
  EXPECT_EQ(liquidation.ts,
            kT0 + kHour + core::Duration::minutes(38) + core::Duration::seconds(45));
  // Loss (1810 − 2000) × 1 = −190; the 10 left of the 200 margin goes to the venue as the fee.
  EXPECT_EQ(liquidation.fee, usd("10"));
  EXPECT_EQ(sim.balance("USDT"), usd("799"));  // 999 − 200
  EXPECT_TRUE(sim.exchange.positions()->empty());
  EXPECT_EQ(sim.status(kEth, "stop"), OrderStatus::kCanceled);
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
}

TEST(SimPerpetual, FundingIsPaidByALongAtTheLastMark) {
  SimHarness sim(perpetual_config());
  open_long_10x(sim);
  sim.feed(kEth, "2000", "2020", "1990", "2010");  // mark 2010
  const core::Timestamp ts = sim.clock.now();
  ASSERT_TRUE(sim.exchange.on_funding_rate(kEth, ts, core::Decimal::parse("0.0001")).ok());
  // −1 × 2010 × 0.0001 = −0.201.
  ASSERT_EQ(sim.listener.funding.size(), 1U);
  EXPECT_EQ(sim.listener.funding[0].amount, usd("-0.201"));
  EXPECT_EQ(sim.listener.funding[0].mark, px("2010"));
  EXPECT_EQ(sim.balance("USDT"), usd("998.799"));
  // A negative rate pays the long: −1 × 2010 × −0.0002 = +0.402.
  ASSERT_TRUE(sim.exchange.on_funding_rate(kEth, ts, core::Decimal::parse("-0.0002")).ok());
  EXPECT_EQ(sim.balance("USDT"), usd("999.201"));
}

TEST(SimPerpetual, ReduceOnlyOrderIsCappedAtWhatIsLeftOfThePosition) {
  SimHarness sim(perpetual_config());
  open_long_10x(sim);
  OrderRequest exit = request("exit", kEth, OrderSide::kSell, OrderType::kLimit, "1");
  exit.price = px("2100");
  exit.reduce_only = true;
  sim.place(exit);
  sim.place(request("trim", kEth, OrderSide::kSell, OrderType::kMarket, "0.4"));
  sim.feed(kEth, "2000", "2000", "2000", "2000");  // the trim fills: 0.6 left, fee 0.4
  // 2050 → 2040 → 2110 → 2100: the exit at 2100 takes only the 0.6 left, then the rest is canceled.
  sim.feed(kEth, "2050", "2110", "2040", "2100");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 2U);
  EXPECT_EQ(fills[1].client_order_id.str(), "exit");
  EXPECT_EQ(fills[1].quantity, qty("0.6"));
  EXPECT_EQ(fills[1].fee, usd("0.252"));  // 1260 × 0.0002
  EXPECT_EQ(sim.status(kEth, "exit"), OrderStatus::kCanceled);
  // 999 − 0.4 + (2100 − 2000) × 0.6 − 0.252 = 1058.348, margin all released.
  EXPECT_EQ(sim.balance("USDT"), usd("1058.348"));
  EXPECT_EQ(sim.available("USDT"), usd("1058.348"));
}

TEST(SimPerpetual, ShortIsLiquidatedOnASpikeAndReceivesFundingBefore) {
  SimHarness sim(perpetual_config());
  ASSERT_TRUE(sim.exchange.set_leverage(kEth, 10).ok());
  sim.place(request("short", kEth, OrderSide::kSell, OrderType::kMarket, "1"));
  sim.feed(kEth, "2000", "2000", "2000", "2000");  // fee 1: wallet 999, margin 200
  // 2000 × (1 + 0.1 − 0.005) = 2190.
  EXPECT_EQ(*sim.exchange.positions()->front().liquidation_price, px("2190"));
  ASSERT_TRUE(
      sim.exchange.on_funding_rate(kEth, sim.clock.now(), core::Decimal::parse("0.0001")).ok());
  EXPECT_EQ(sim.balance("USDT"), usd("999.2"));  // −(−1) × 2000 × 0.0001 = +0.2
  // 2050 → 2040 → 2200 → 2100: the spike passes 2190.
  sim.feed(kEth, "2050", "2200", "2040", "2100");
  const auto liquidations = sim.listener.of_kind(Kind::kLiquidation);
  ASSERT_EQ(liquidations.size(), 1U);
  EXPECT_EQ(liquidations[0].side, OrderSide::kBuy);
  EXPECT_EQ(liquidations[0].price, px("2190"));
  EXPECT_EQ(liquidations[0].fee, usd("10"));     // 200 margin − 190 loss
  EXPECT_EQ(sim.balance("USDT"), usd("799.2"));  // 999.2 − 200
}

TEST(SimPerpetual, OpeningBeyondTheAvailableMarginIsRejected) {
  SimHarness sim(perpetual_config());  // leverage 1 by default
  OrderRequest order = request("big", kEth, OrderSide::kBuy, OrderType::kLimit, "1");
  order.price = px("2000");  // margin 2000 + fee 1 > 1000
  sim.place(order);
  const auto rejected = sim.listener.of_kind(Kind::kRejected);
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_NE(rejected[0].reason.find("insufficient balance"), std::string::npos);
}

TEST(SimPerpetual, LeverageAboveTheInstrumentMaximumIsRefused) {
  SimHarness sim(perpetual_config());
  EXPECT_EQ(sim.exchange.set_leverage(kEth, 21).error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(sim.exchange.set_leverage(kBtc, 2).error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(sim.exchange.set_leverage(kEth, 20).ok());
}

}  // namespace
}  // namespace sigtrader::execution
