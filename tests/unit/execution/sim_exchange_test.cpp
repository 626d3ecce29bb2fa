#include "execution/sim_exchange.hpp"

#include <gtest/gtest.h>

#include "sim_test_support.hpp"

// Spot order handling of SimExchange. Fees are 0.02 % maker / 0.05 % taker unless a test says
// otherwise; candles are hourly, so path points sit at +0, +20, +40 and +60 minutes.
namespace sigtrader::execution {
namespace {

using core::OrderSide;
using core::OrderStatus;
using core::OrderType;
using core::TimeInForce;
using Kind = ExecutionReport::Kind;
using namespace testing;

OrderRequest limit(std::string id, OrderSide side, std::string_view quantity,
                   std::string_view price, TimeInForce tif = TimeInForce::kGtc) {
  OrderRequest r = request(std::move(id), kBtc, side, OrderType::kLimit, quantity);
  r.price = px(price);
  r.time_in_force = tif;
  return r;
}

OrderRequest conditional(std::string id, OrderSide side, OrderType type, std::string_view quantity,
                         std::string_view trigger) {
  OrderRequest r = request(std::move(id), kBtc, side, type, quantity);
  r.trigger_price = px(trigger);
  return r;
}

// Buys 1 BTC at 100 with a flat first candle (taker fee 0.05): 9899.95 USDT and 1 BTC after.
void buy_one_at_100(SimHarness& sim) {
  sim.place(request("entry", kBtc, OrderSide::kBuy, OrderType::kMarket, "1"));
  sim.feed(kBtc, "100", "100", "100", "100");
  ASSERT_EQ(sim.status(kBtc, "entry"), OrderStatus::kFilled);
  sim.listener.reports.clear();
}

TEST(SimExchange, MarketOrderFillsAtTheNextOpenWithSlippageAndTakerFee) {
  SimExchangeConfig config = base_config();
  config.slippage_bps = core::Decimal::parse("10");
  SimHarness sim(config);
  sim.feed(kBtc, "100", "110", "90", "105");  // the clock is now at this candle's close

  sim.place(request("m1", kBtc, OrderSide::kBuy, OrderType::kMarket, "2"));
  // Placing only acknowledges: nothing fills against the candle already seen (no lookahead).
  ASSERT_EQ(sim.listener.reports.size(), 1U);
  EXPECT_EQ(sim.listener.reports[0].kind, Kind::kAccepted);

  sim.feed(kBtc, "106", "108", "104", "107");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  // Open 106 moved 10 bps up: 106.106, rounded up to the tick: 106.11.
  EXPECT_EQ(fills[0].price, px("106.11"));
  EXPECT_EQ(fills[0].quantity, qty("2"));
  EXPECT_EQ(fills[0].ts, kT0 + kHour);  // the next candle's open
  EXPECT_FALSE(fills[0].maker);
  // Fee 212.22 × 0.0005 = 0.10611; slippage (106.11 − 106) × 2 = 0.22.
  EXPECT_EQ(fills[0].fee, usd("0.10611"));
  EXPECT_EQ(fills[0].slippage, usd("0.22"));
  // 10000 − 212.22 − 0.10611 = 9787.67389.
  EXPECT_EQ(sim.balance("USDT"), usd("9787.67389"));
  EXPECT_EQ(sim.balance("BTC"), usd("2"));
}

TEST(SimExchange, LimitBuyRestsThenFillsAtItsLimitAsMaker) {
  SimHarness sim;
  sim.place(limit("l1", OrderSide::kBuy, "1", "95"));
  // While it rests it holds 95 + the taker fee 0.0475: 10000 − 95.0475 = 9904.9525 available.
  EXPECT_EQ(sim.available("USDT"), usd("9904.9525"));

  sim.feed(kBtc, "100", "102", "96", "99");  // never down to 95
  EXPECT_EQ(sim.status(kBtc, "l1"), OrderStatus::kAccepted);
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());

  sim.feed(kBtc, "100", "101", "94", "96");  // 100 → 101 → 94: passes 95 on the way down
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("95"));
  EXPECT_TRUE(fills[0].maker);
  EXPECT_EQ(fills[0].fee, usd("0.019"));  // 95 × 0.0002
  // Between the high at +20 min and the low at +40 min of the second candle.
  EXPECT_GT(fills[0].ts, kT0 + kHour + core::Duration::minutes(20));
  EXPECT_LT(fills[0].ts, kT0 + kHour + core::Duration::minutes(40));
  EXPECT_EQ(sim.balance("USDT"), usd("9904.981"));  // 10000 − 95 − 0.019
}

TEST(SimExchange, LimitBuyBelowTheOpenTakesAtTheOpenAsTaker) {
  SimHarness sim;
  sim.place(limit("l1", OrderSide::kBuy, "1", "100"));
  sim.feed(kBtc, "98", "99", "97", "98.5");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("98"));  // the better open price, not the limit
  EXPECT_FALSE(fills[0].maker);
  EXPECT_EQ(fills[0].fee, usd("0.049"));  // 98 × 0.0005
}

TEST(SimExchange, PostOnlyOrderThatWouldTakeExpiresInsteadOfFilling) {
  SimHarness sim;
  sim.place(limit("p1", OrderSide::kBuy, "1", "100", TimeInForce::kPostOnly));
  sim.feed(kBtc, "98", "99", "97", "98.5");
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  const auto expired = sim.listener.of_kind(Kind::kExpired);
  ASSERT_EQ(expired.size(), 1U);
  EXPECT_NE(expired[0].reason.find("post-only"), std::string::npos) << expired[0].reason;
  EXPECT_EQ(sim.balance("USDT"), usd("10000"));
}

TEST(SimExchange, ImmediateOrCancelFillsWhatTheVolumeAllowsAndCancelsTheRest) {
  SimExchangeConfig config = base_config();
  config.partial_fills = true;
  config.max_volume_fraction = core::Decimal::parse("0.1");
  SimHarness sim(config);
  sim.place(limit("i1", OrderSide::kBuy, "2", "100", TimeInForce::kIoc));
  sim.feed(kBtc, "99", "99.5", "98", "99", "5");  // 10 % of 5 = 0.5 may trade
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].quantity, qty("0.5"));
  EXPECT_EQ(fills[0].price, px("99"));
  EXPECT_EQ(fills[0].fee, usd("0.02475"));  // 49.5 × 0.0005
  ASSERT_EQ(sim.listener.of_kind(Kind::kCanceled).size(), 1U);
  EXPECT_EQ(sim.status(kBtc, "i1"), OrderStatus::kCanceled);
}

TEST(SimExchange, FillOrKillThatCannotFillEntirelyExpiresWithoutTrading) {
  SimExchangeConfig config = base_config();
  config.partial_fills = true;
  config.max_volume_fraction = core::Decimal::parse("0.1");
  SimHarness sim(config);
  sim.place(limit("f1", OrderSide::kBuy, "2", "100", TimeInForce::kFok));
  sim.feed(kBtc, "99", "99.5", "98", "99", "5");  // only 0.5 of 2 available
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  const auto expired = sim.listener.of_kind(Kind::kExpired);
  ASSERT_EQ(expired.size(), 1U);
  EXPECT_NE(expired[0].reason.find("fill-or-kill"), std::string::npos) << expired[0].reason;
  EXPECT_EQ(sim.balance("USDT"), usd("10000"));
}

TEST(SimExchange, WithStopAndTargetBothInsideACandleTheNearerExtremeDecides) {
  // Long 1 BTC from 100, protected by a reduce-only stop at 95 and take-profit at 103.
  // Candle 100 / 104 / 94 / 100: the high is 4 away, the low 6, so the path is
  // 100 → 104 → 94 → 100 and the take-profit at 103 is reached first (at +15 min).
  SimHarness sim;
  buy_one_at_100(sim);
  OrderRequest stop = conditional("stop", OrderSide::kSell, OrderType::kStopMarket, "1", "95");
  stop.reduce_only = true;
  OrderRequest target =
      conditional("target", OrderSide::kSell, OrderType::kTakeProfitMarket, "1", "103");
  target.reduce_only = true;
  sim.place(stop);
  sim.place(target);

  sim.feed(kBtc, "100", "104", "94", "100");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].client_order_id.str(), "target");
  EXPECT_EQ(fills[0].price, px("103"));
  EXPECT_EQ(fills[0].ts, kT0 + kHour + core::Duration::minutes(15));  // 3/4 of 100 → 104
  EXPECT_EQ(sim.status(kBtc, "stop"), OrderStatus::kCanceled);        // the position is gone
  // 9899.95 + 103 − 0.0515 = 10002.8985.
  EXPECT_EQ(sim.balance("USDT"), usd("10002.8985"));
}

TEST(SimExchange, WhenTheLowIsNearerTheStopFiresBeforeTheTarget) {
  // Candle 100 / 106 / 95 / 100: the low is 5 away, the high 6: 100 → 95 → 106 → 100.
  SimHarness sim;
  buy_one_at_100(sim);
  OrderRequest stop = conditional("stop", OrderSide::kSell, OrderType::kStopMarket, "1", "95");
  stop.reduce_only = true;
  OrderRequest target =
      conditional("target", OrderSide::kSell, OrderType::kTakeProfitMarket, "1", "103");
  target.reduce_only = true;
  sim.place(stop);
  sim.place(target);

  sim.feed(kBtc, "100", "106", "95", "100");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].client_order_id.str(), "stop");
  EXPECT_EQ(fills[0].price, px("95"));
  EXPECT_EQ(sim.status(kBtc, "target"), OrderStatus::kCanceled);
  // 9899.95 + 95 − 0.0475 = 9994.9025.
  EXPECT_EQ(sim.balance("USDT"), usd("9994.9025"));
}

TEST(SimExchange, StopThatTheMarketGapsThroughFillsAtTheWorseOpen) {
  SimHarness sim;
  buy_one_at_100(sim);
  sim.place(conditional("stop", OrderSide::kSell, OrderType::kStopMarket, "1", "95"));
  sim.feed(kBtc, "100", "101", "97", "99");  // stays above 95
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  sim.feed(kBtc, "92", "93", "90", "91");  // opens below the stop
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("92"));
  EXPECT_EQ(fills[0].ts, kT0 + kHour * 2);
}

TEST(SimExchange, StopLimitTriggeredByAGapRestsUntilThePriceComesBackToItsLimit) {
  SimHarness sim;
  OrderRequest order = conditional("sl", OrderSide::kBuy, OrderType::kStopLimit, "1", "105");
  order.price = px("105.5");
  sim.place(order);
  sim.feed(kBtc, "100", "101", "99", "100");  // below the trigger
  // Opens at 107: triggered there, but a buy limit of 105.5 does not cross 107, and the path
  // 107 → 108 → 106 → 107.5 never comes down to it.
  sim.feed(kBtc, "107", "108", "106", "107.5");
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  EXPECT_EQ(sim.status(kBtc, "sl"), OrderStatus::kAccepted);
  // 106 → 106.5 → 105 → 105.2 passes 105.5: filled there as a resting (maker) order.
  sim.feed(kBtc, "106", "106.5", "105", "105.2");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("105.5"));
  EXPECT_TRUE(fills[0].maker);
  EXPECT_EQ(fills[0].fee, usd("0.0211"));  // 105.5 × 0.0002
}

TEST(SimExchange, TakeProfitLimitTriggeredOnThePathTakesAtTheTriggerPoint) {
  // Sell 1 when the price reaches 105, at no less than 104.5. Path 100 → 99 → 106 → 105: at 105
  // the sell limit of 104.5 is marketable, so it takes there (taker fee 105 × 0.0005 = 0.0525).
  SimHarness sim;
  buy_one_at_100(sim);
  OrderRequest target =
      conditional("tp", OrderSide::kSell, OrderType::kTakeProfitLimit, "1", "105");
  target.price = px("104.5");
  sim.place(target);
  sim.feed(kBtc, "100", "106", "99", "105");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("105"));
  EXPECT_FALSE(fills[0].maker);
  EXPECT_EQ(fills[0].fee, usd("0.0525"));
}

TEST(SimExchange, ReduceOnlyOrderWithoutAPositionIsRejected) {
  SimHarness sim;
  OrderRequest order = request("ro", kBtc, OrderSide::kSell, OrderType::kMarket, "1");
  order.reduce_only = true;
  sim.place(order);
  const auto rejected = sim.listener.of_kind(Kind::kRejected);
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_NE(rejected[0].reason.find("reduce-only"), std::string::npos) << rejected[0].reason;
}

TEST(SimExchange, PartialFillsSpreadARestingLimitOverTwoCandlesByVolume) {
  SimExchangeConfig config = base_config();
  config.partial_fills = true;
  config.max_volume_fraction = core::Decimal::parse("0.1");
  SimHarness sim(config);
  sim.place(limit("l1", OrderSide::kBuy, "1", "100"));
  sim.feed(kBtc, "101", "102", "99", "100", "6");  // reaches 100; 10 % of 6 = 0.6
  EXPECT_EQ(sim.status(kBtc, "l1"), OrderStatus::kPartiallyFilled);
  sim.feed(kBtc, "100.5", "101", "99.5", "100", "8");  // 0.8 allowed, 0.4 left
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 2U);
  EXPECT_EQ(fills[0].quantity, qty("0.6"));
  EXPECT_EQ(fills[1].quantity, qty("0.4"));
  EXPECT_EQ(fills[0].fee, usd("0.012"));  // 60 × 0.0002
  EXPECT_EQ(fills[1].fee, usd("0.008"));  // 40 × 0.0002
  EXPECT_EQ(sim.status(kBtc, "l1"), OrderStatus::kFilled);
}

TEST(SimExchange, LatencyMovesAFillToALaterPathPoint) {
  // 25 min latency: an order placed at the close of the first candle is live at +25 min of the
  // next one, whose path is 100 (+0) → 95 (+20) → 110 (+40) → 105; its first point is 110.
  SimExchangeConfig config = base_config();
  config.latency = core::Duration::minutes(25);
  SimHarness sim(config);
  sim.feed(kBtc, "100", "100", "100", "100");
  sim.place(request("m1", kBtc, OrderSide::kBuy, OrderType::kMarket, "1"));
  sim.feed(kBtc, "100", "110", "95", "105");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("110"));
  EXPECT_EQ(fills[0].ts, kT0 + kHour + core::Duration::minutes(40));
}

TEST(SimExchange, OrderBeyondTheBalanceIsRejectedOrCanceledAtFill) {
  SimExchangeConfig config = base_config();
  config.starting_balances = {{"USDT", usd("100")}};
  SimHarness sim(config);
  // 150 + fee 0.075 > 100: refused at once.
  sim.place(limit("big", OrderSide::kBuy, "1", "150"));
  auto rejected = sim.listener.of_kind(Kind::kRejected);
  ASSERT_EQ(rejected.size(), 1U);
  EXPECT_NE(rejected[0].reason.find("insufficient balance"), std::string::npos);
  // A market order has no price before the first candle: accepted, then canceled when it would
  // cost 150.075 at the open.
  sim.place(request("m1", kBtc, OrderSide::kBuy, OrderType::kMarket, "1"));
  sim.feed(kBtc, "150", "151", "149", "150");
  const auto canceled = sim.listener.of_kind(Kind::kCanceled);
  ASSERT_EQ(canceled.size(), 1U);
  EXPECT_NE(canceled[0].reason.find("insufficient balance"), std::string::npos);
  EXPECT_EQ(sim.balance("USDT"), usd("100"));
}

TEST(SimExchange, CandleThatClosesAfterNowIsRefusedAsLookahead) {
  SimHarness sim;
  sim.place(request("m1", kBtc, OrderSide::kBuy, OrderType::kMarket, "1"));
  // The clock is at kT0; this candle closes at kT0 + 1 h.
  const auto status = sim.exchange.on_candle(kBtc, candle(kT0, "100", "101", "99", "100"), kHour);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(status.error().message().find("lookahead"), std::string::npos);
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
}

TEST(SimExchange, CandleOlderThanTheLastOneIsRefused) {
  SimHarness sim;
  sim.feed(kBtc, "100", "101", "99", "100");
  sim.clock.advance_to(kT0 + kHour * 3);
  // The first candle again (open kT0) after the one that closed at kT0 + 1 h.
  const auto status = sim.exchange.on_candle(kBtc, candle(kT0, "100", "101", "99", "100"), kHour);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST(SimExchange, RestingOrderOutsideTheCandleRangeWaitsAndStillFillsLater) {
  // The buy limit at 90 sits below three candles' lows, then the fourth reaches it.
  SimHarness sim;
  sim.place(limit("l1", OrderSide::kBuy, "1", "90"));
  sim.feed(kBtc, "100", "101", "99", "100");
  sim.feed(kBtc, "100", "102", "95", "96");
  sim.feed(kBtc, "96", "97", "91", "92");
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  sim.feed(kBtc, "92", "93", "89", "91");
  const auto fills = sim.listener.of_kind(Kind::kFill);
  ASSERT_EQ(fills.size(), 1U);
  EXPECT_EQ(fills[0].price, px("90"));
  EXPECT_EQ(sim.exchange.mark(kBtc), px("91"));
}

TEST(SimExchange, CancelStopsARestingOrderAndIsRefusedTwice) {
  SimHarness sim;
  sim.place(limit("l1", OrderSide::kBuy, "1", "90"));
  ASSERT_TRUE(sim.exchange.cancel_order(kBtc, core::ClientOrderId("l1")).ok());
  EXPECT_EQ(sim.status(kBtc, "l1"), OrderStatus::kCanceled);
  EXPECT_EQ(sim.exchange.cancel_order(kBtc, core::ClientOrderId("l1")).error().code(),
            core::ErrorCode::kRejected);
  sim.feed(kBtc, "89", "90", "85", "86");
  EXPECT_TRUE(sim.listener.of_kind(Kind::kFill).empty());
  EXPECT_TRUE(sim.exchange.open_orders(std::nullopt)->empty());
}

TEST(SimExchange, TwoRunsOfTheSameOrdersGiveTheSameIds) {
  auto run = [] {
    SimHarness sim;
    sim.place(request("a", kBtc, OrderSide::kBuy, OrderType::kMarket, "1"));
    sim.place(limit("b", OrderSide::kBuy, "1", "95"));
    sim.feed(kBtc, "100", "101", "94", "96");
    std::string ids;
    for (const auto& r : sim.listener.reports)
      ids += r.venue_order_id.str() + r.trade_id.str() + ";";
    return ids;
  };
  const std::string first = run();
  EXPECT_EQ(first, run());
  EXPECT_EQ(first, "sim-1;sim-2;sim-1sim-t1;sim-2sim-t2;");
}

}  // namespace
}  // namespace sigtrader::execution
