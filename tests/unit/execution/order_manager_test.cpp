#include "execution/order_manager.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim_test_support.hpp"

// The order manager in front of SimExchange: events, refusals and the portfolio it keeps.
// 10 000 USDT, fees 0.02 % maker / 0.05 % taker, no slippage.
namespace sigtrader::execution {
namespace {

using core::OrderSide;
using core::OrderStatus;
using core::OrderType;
using namespace testing;

class OmsHarness {
 public:
  explicit OmsHarness(SimExchangeConfig config = base_config())
      : sim(std::move(config)), portfolio("USDT"), orders(bus, sim.clock, sim.exchange, portfolio) {
    EXPECT_TRUE(portfolio.deposit(sim.balance("USDT")).ok());
    EXPECT_TRUE(orders.add_instrument(btc_spot()).ok());
    EXPECT_TRUE(orders.add_instrument(eth_perpetual()).ok());
    bus.subscribe<bus::OrderEvent>([this](const bus::OrderEvent& e) {
      log.push_back(std::string("order:") + std::string(core::to_string(e.status)));
      order_events.push_back(e);
    });
    bus.subscribe<bus::FillEvent>([this](const bus::FillEvent& e) {
      log.push_back("fill");
      fills.push_back(e);
    });
    bus.subscribe<bus::PositionEvent>(
        [this](const bus::PositionEvent&) { log.push_back("position"); });
    bus.subscribe<bus::SystemEvent>([this](const bus::SystemEvent& e) { system.push_back(e); });
  }

  core::ClientOrderId submit(OrderRequest request, std::optional<core::Price> reference = {}) {
    auto id = orders.submit(std::move(request), core::TraceId("trace-1"), reference);
    EXPECT_TRUE(id.ok()) << id.error().message();
    return id.ok() ? *id : core::ClientOrderId();
  }

  SimHarness sim;
  bus::MessageBus bus;
  Portfolio portfolio;
  OrderManager orders;
  std::vector<std::string> log;
  std::vector<bus::OrderEvent> order_events;
  std::vector<bus::FillEvent> fills;
  std::vector<bus::SystemEvent> system;
};

OrderRequest market(const core::Symbol& symbol, OrderSide side, std::string_view quantity) {
  return request("", symbol, side, OrderType::kMarket, quantity);
}

TEST(OrderManager, FilledOrderTellsItsWholeStoryInEvents) {
  OmsHarness oms;
  const core::ClientOrderId id = oms.submit(market(kBtc, OrderSide::kBuy, "1"), px("100"));
  EXPECT_EQ(id.str().rfind("oms-", 0), 0U) << id.str();  // generated
  EXPECT_EQ(oms.log, (std::vector<std::string>{"order:new", "order:accepted"}));

  oms.sim.feed(kBtc, "100", "101", "99", "100");
  EXPECT_EQ(oms.log, (std::vector<std::string>{"order:new", "order:accepted", "order:filled",
                                               "fill", "position"}));
  const bus::OrderEvent& filled = oms.order_events.back();
  EXPECT_EQ(filled.header.ts_event, kT0);         // the fill at the candle's open
  EXPECT_EQ(filled.header.ts_init, kT0 + kHour);  // learned at its close
  EXPECT_EQ(filled.header.trace_id.str(), "trace-1");
  ASSERT_EQ(oms.fills.size(), 1U);
  EXPECT_EQ(oms.fills[0].fee, usd("0.05"));  // 100 × 0.0005
  EXPECT_EQ(oms.fills[0].fee_asset, "USDT");
  EXPECT_EQ(oms.orders.order(id)->status(), OrderStatus::kFilled);
  EXPECT_EQ(oms.orders.total_fees(), usd("0.05"));
}

TEST(OrderManager, OrderBreakingAFilterIsRejectedWithTheFilterNamed) {
  OmsHarness oms;
  OrderRequest request = market(kBtc, OrderSide::kBuy, "0.0015");  // step 0.001
  request.client_order_id = core::ClientOrderId("odd");
  const auto result = oms.orders.submit(request, {}, px("100"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kRejected);
  ASSERT_EQ(oms.order_events.size(), 1U);
  EXPECT_EQ(oms.order_events[0].status, OrderStatus::kRejected);
  EXPECT_NE(oms.order_events[0].reason.find("step size"), std::string::npos)
      << oms.order_events[0].reason;
  EXPECT_EQ(oms.orders.order(core::ClientOrderId("odd"))->status(), OrderStatus::kRejected);
  EXPECT_TRUE(oms.sim.exchange.open_orders(std::nullopt)->empty());  // never sent
}

TEST(OrderManager, MalformedRequestIsRejectedAsInvalid) {
  OmsHarness oms;
  const auto result = oms.orders.submit(market(kBtc, OrderSide::kBuy, "0"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kInvalidArgument);
  ASSERT_EQ(oms.order_events.size(), 1U);
  EXPECT_EQ(oms.order_events[0].status, OrderStatus::kRejected);
}

TEST(OrderManager, SecondOrderWithTheSameClientIdIsRefused) {
  OmsHarness oms;
  OrderRequest request = market(kBtc, OrderSide::kBuy, "1");
  request.client_order_id = core::ClientOrderId("dup");
  oms.submit(request, px("100"));
  const auto again = oms.orders.submit(request, {}, px("100"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(oms.sim.exchange.open_orders(std::nullopt)->size(), 1U);
}

TEST(OrderManager, RoundTripLeavesThePortfolioWithThePnlLessFees) {
  OmsHarness oms;
  oms.submit(market(kBtc, OrderSide::kBuy, "1"), px("100"));
  oms.sim.feed(kBtc, "100", "101", "99", "105");
  // 10000 − 100 − 0.05 = 9899.95 cash; 1 BTC at the close 105: equity 10004.95.
  EXPECT_EQ(*oms.portfolio.equity_at(kBtc, px("105")), usd("10004.95"));
  oms.submit(market(kBtc, OrderSide::kSell, "1"), px("105"));
  oms.sim.feed(kBtc, "110", "111", "109", "110");
  // 9899.95 + 110 − 0.055 = 10009.895, the same as the exchange's own ledger.
  EXPECT_EQ(oms.portfolio.cash(), usd("10009.895"));
  EXPECT_EQ(*oms.portfolio.equity_at(kBtc, px("110")), usd("10009.895"));
  EXPECT_EQ(oms.sim.balance("USDT"), usd("10009.895"));
  EXPECT_EQ(oms.orders.total_fees(), usd("0.105"));
  EXPECT_TRUE(oms.orders.open_orders(kBtc).empty());
}

TEST(OrderManager, LiquidationBecomesAVenueOrderAndCostsThePortfolioTheMargin) {
  SimExchangeConfig config = base_config();
  config.starting_balances = {{"USDT", usd("1000")}};
  OmsHarness oms(config);
  ASSERT_TRUE(oms.sim.exchange.set_leverage(kEth, 10).ok());
  oms.submit(market(kEth, OrderSide::kBuy, "1"), px("2000"));
  oms.sim.feed(kEth, "2000", "2000", "2000", "2000");  // margin 200, fee 1, liquidation 1810
  oms.sim.feed(kEth, "1950", "1960", "1800", "1900");
  const Order* liquidation = oms.orders.order(core::ClientOrderId("liq-1"));
  ASSERT_NE(liquidation, nullptr);
  EXPECT_EQ(liquidation->status(), OrderStatus::kFilled);
  EXPECT_EQ(oms.orders.liquidations(), 1U);
  // 1000 − 1 − 190 − 10 = 799 on both sides.
  EXPECT_EQ(oms.portfolio.cash(), usd("799"));
  EXPECT_EQ(oms.sim.balance("USDT"), usd("799"));
  EXPECT_TRUE(oms.portfolio.position(kEth)->is_flat());
  EXPECT_EQ(oms.orders.total_fees(), usd("11"));
}

TEST(OrderManager, FundingReachesThePortfolioAndTheTotals) {
  SimExchangeConfig config = base_config();
  config.starting_balances = {{"USDT", usd("1000")}};
  OmsHarness oms(config);
  ASSERT_TRUE(oms.sim.exchange.set_leverage(kEth, 10).ok());
  oms.submit(market(kEth, OrderSide::kBuy, "1"), px("2000"));
  oms.sim.feed(kEth, "2000", "2010", "2000", "2010");
  ASSERT_TRUE(
      oms.sim.exchange.on_funding_rate(kEth, oms.sim.clock.now(), core::Decimal::parse("0.0001"))
          .ok());
  // −1 × 2010 × 0.0001 = −0.201; cash 1000 − 1 − 0.201 = 998.799.
  EXPECT_EQ(oms.orders.total_funding(), usd("-0.201"));
  EXPECT_EQ(oms.portfolio.cash(), usd("998.799"));
  EXPECT_EQ(oms.portfolio.funding(), usd("-0.201"));
  ASSERT_FALSE(oms.system.empty());
  EXPECT_EQ(oms.system.back().kind, "info");
}

TEST(OrderManager, ReportForAnUnknownOrderIsAWarningNotACrash) {
  OmsHarness oms;
  ExecutionReport report;
  report.kind = ExecutionReport::Kind::kFill;
  report.client_order_id = core::ClientOrderId("ghost");
  report.symbol = kBtc;
  report.price = px("100");
  report.quantity = qty("1");
  oms.orders.on_execution_report(report);
  ASSERT_EQ(oms.system.size(), 1U);
  EXPECT_EQ(oms.system[0].kind, "warning");
  EXPECT_TRUE(oms.fills.empty());
}

TEST(OrderManager, CancelReachesTheVenueAndEndsTheOrder) {
  OmsHarness oms;
  OrderRequest request = OrderRequest();
  request = market(kBtc, OrderSide::kBuy, "1");
  request.type = OrderType::kLimit;
  request.price = px("90");
  const core::ClientOrderId id = oms.submit(request);
  ASSERT_EQ(oms.orders.open_orders(kBtc).size(), 1U);
  ASSERT_TRUE(oms.orders.cancel(id).ok());
  EXPECT_EQ(oms.orders.order(id)->status(), OrderStatus::kCanceled);
  EXPECT_EQ(oms.log.back(), "order:canceled");
  EXPECT_EQ(oms.orders.cancel(id).error().code(), core::ErrorCode::kRejected);
  EXPECT_EQ(oms.orders.cancel(core::ClientOrderId("nope")).error().code(),
            core::ErrorCode::kNotFound);
}

TEST(OrderManager, QuoteQuantityOrderSpendsTheAmountAtTheFillPrice) {
  OmsHarness oms;
  OrderRequest request = market(kBtc, OrderSide::kBuy, "0");
  request.quantity = core::Quantity::zero();
  request.quote_quantity = usd("1000");
  const core::ClientOrderId id = oms.submit(request, px("100"));
  oms.sim.feed(kBtc, "100", "101", "99", "100");
  // 1000 / (100 × 1.0005) = 9.995…, down to the step: 9.995; cost 999.5 + fee 0.49975.
  ASSERT_EQ(oms.fills.size(), 1U);
  EXPECT_EQ(oms.fills[0].quantity, qty("9.995"));
  EXPECT_EQ(oms.orders.order(id)->status(), OrderStatus::kFilled);
  EXPECT_EQ(oms.portfolio.cash(), usd("9000.00025"));  // 10000 − 999.5 − 0.49975
}

}  // namespace
}  // namespace sigtrader::execution
