#include "execution/order.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::execution {
namespace {

using core::ErrorCode;
using core::Money;
using core::OrderStatus;
using core::Price;
using core::Quantity;
using core::Timestamp;

const Timestamp kT0 = Timestamp::from_seconds(1'704'067'200);  // 2024-01-01T00:00:00Z

OrderRequest limit_buy(std::string_view quantity, std::string_view price) {
  OrderRequest request;
  request.client_order_id = core::ClientOrderId("st-1-1");
  request.symbol = core::Symbol{"BTC", "USDT"};
  request.side = core::OrderSide::kBuy;
  request.type = core::OrderType::kLimit;
  request.quantity = Quantity::parse(quantity);
  request.price = Price::parse(price);
  return request;
}

// An order of 1 BTC brought to `status` through allowed edges only.
Order order_in(OrderStatus status) {
  Order order(limit_buy("1", "100"), kT0);
  const auto fee = Money::zero();
  switch (status) {
    case OrderStatus::kNew:
      break;
    case OrderStatus::kAccepted:
      EXPECT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
      break;
    case OrderStatus::kPartiallyFilled:
      EXPECT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
      EXPECT_TRUE(order.apply_fill(Price::parse("100"), Quantity::parse("0.4"), fee, kT0).ok());
      break;
    case OrderStatus::kFilled:
      EXPECT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
      EXPECT_TRUE(order.apply_fill(Price::parse("100"), Quantity::parse("1"), fee, kT0).ok());
      break;
    case OrderStatus::kCanceled:
      EXPECT_TRUE(order.cancel("user", kT0).ok());
      break;
    case OrderStatus::kRejected:
      EXPECT_TRUE(order.reject("insufficient balance", kT0).ok());
      break;
    case OrderStatus::kExpired:
      EXPECT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
      EXPECT_TRUE(order.expire(kT0).ok());
      break;
  }
  EXPECT_EQ(order.status(), status);
  return order;
}

// Tries to move `order` to `to` with the operation that leads there. A fill of 0.1 leads to
// partially filled (from any status with room left); a fill of the remainder leads to filled.
core::Status attempt(Order& order, OrderStatus to) {
  const Timestamp ts = kT0 + core::Duration::seconds(1);
  switch (to) {
    case OrderStatus::kNew:
      return core::Error(ErrorCode::kInvalidArgument, "no operation leads to new");
    case OrderStatus::kAccepted:
      return order.accept(core::VenueOrderId("v2"), ts);
    case OrderStatus::kPartiallyFilled:
      return order.apply_fill(Price::parse("100"), Quantity::parse("0.1"), Money::zero(), ts);
    case OrderStatus::kFilled: {
      const Quantity rest = order.remaining_quantity().is_positive() ? order.remaining_quantity()
                                                                     : Quantity::parse("1");
      return order.apply_fill(Price::parse("100"), rest, Money::zero(), ts);
    }
    case OrderStatus::kCanceled:
      return order.cancel("user", ts);
    case OrderStatus::kRejected:
      return order.reject("venue said no", ts);
    case OrderStatus::kExpired:
      return order.expire(ts);
  }
  return {};
}

const std::vector<OrderStatus> kAllStatuses{
    OrderStatus::kNew,    OrderStatus::kAccepted, OrderStatus::kPartiallyFilled,
    OrderStatus::kFilled, OrderStatus::kCanceled, OrderStatus::kRejected,
    OrderStatus::kExpired};

struct Edge {
  OrderStatus from;
  OrderStatus to;
};

// The lifecycle's edges, written out from the specification rather than derived from the code.
const std::vector<Edge> kAllowedEdges{
    {OrderStatus::kNew, OrderStatus::kAccepted},
    {OrderStatus::kNew, OrderStatus::kRejected},
    {OrderStatus::kNew, OrderStatus::kCanceled},
    {OrderStatus::kAccepted, OrderStatus::kPartiallyFilled},
    {OrderStatus::kAccepted, OrderStatus::kFilled},
    {OrderStatus::kAccepted, OrderStatus::kCanceled},
    {OrderStatus::kAccepted, OrderStatus::kExpired},
    {OrderStatus::kPartiallyFilled, OrderStatus::kPartiallyFilled},
    {OrderStatus::kPartiallyFilled, OrderStatus::kFilled},
    {OrderStatus::kPartiallyFilled, OrderStatus::kCanceled},
    {OrderStatus::kPartiallyFilled, OrderStatus::kExpired},
};

bool listed(OrderStatus from, OrderStatus to) {
  for (const Edge& edge : kAllowedEdges) {
    if (edge.from == from && edge.to == to) return true;
  }
  return false;
}

TEST(OrderTransitions, AllowExactlyTheEdgesOfTheLifecycle) {
  for (OrderStatus from : kAllStatuses) {
    for (OrderStatus to : kAllStatuses) {
      EXPECT_EQ(is_allowed_transition(from, to), listed(from, to))
          << core::to_string(from) << " -> " << core::to_string(to);
    }
  }
}

TEST(OrderTransitions, EveryOperationSucceedsOnAnAllowedEdgeAndIsRefusedOtherwise) {
  for (OrderStatus from : kAllStatuses) {
    for (OrderStatus to : kAllStatuses) {
      if (to == OrderStatus::kNew) continue;  // nothing leads back to new
      Order order = order_in(from);
      const auto result = attempt(order, to);
      const std::string edge =
          std::string(core::to_string(from)) + " -> " + std::string(core::to_string(to));
      if (listed(from, to)) {
        EXPECT_TRUE(result.ok()) << edge << ": " << result.error().message();
        EXPECT_EQ(order.status(), to) << edge;
      } else {
        ASSERT_FALSE(result.ok()) << edge;
        EXPECT_EQ(order.status(), from) << edge;
      }
    }
  }
}

TEST(OrderTransitions, ARefusalNamesTheOrderItsStatusAndTheTransition) {
  Order order = order_in(OrderStatus::kFilled);
  const auto result = order.cancel("too late", kT0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(result.error().message(),
            "order 'st-1-1' is filled: cannot cancel (filled -> canceled is not a transition)");
}

TEST(OrderTransitions, AFillStraightFromNewIsRefused) {
  Order order = order_in(OrderStatus::kNew);
  const auto result =
      order.apply_fill(Price::parse("100"), Quantity::parse("1"), Money::zero(), kT0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(order.status(), OrderStatus::kNew);
  EXPECT_TRUE(order.filled_quantity().is_zero());
}

TEST(OrderTransitions, TerminalOrdersKeepEveryFieldWhenRefused) {
  for (OrderStatus status : {OrderStatus::kFilled, OrderStatus::kCanceled, OrderStatus::kRejected,
                             OrderStatus::kExpired}) {
    Order order = order_in(status);
    const bus::OrderEvent before = to_event(order, {});
    const Timestamp updated = order.updated_at();
    for (OrderStatus to : kAllStatuses) {
      if (to == OrderStatus::kNew) continue;
      EXPECT_FALSE(attempt(order, to).ok()) << core::to_string(status);
    }
    const bus::OrderEvent after = to_event(order, {});
    EXPECT_EQ(after.status, before.status);
    EXPECT_EQ(after.filled_quantity, before.filled_quantity);
    EXPECT_EQ(after.reason, before.reason);
    EXPECT_EQ(after.venue_order_id, before.venue_order_id);
    EXPECT_EQ(order.updated_at(), updated);
  }
}

TEST(OrderFills, AnOverfillIsRefusedAndChangesNothing) {
  Order order = order_in(OrderStatus::kPartiallyFilled);  // 0.4 of 1 filled
  const auto result =
      order.apply_fill(Price::parse("100"), Quantity::parse("0.7"), Money::parse("1"), kT0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(result.error().message(),
            "order 'st-1-1' is partially_filled: a fill of 0.7 would overfill it (0.4 of 1 "
            "already filled, 0.6 remaining)");
  EXPECT_EQ(order.filled_quantity(), Quantity::parse("0.4"));
  EXPECT_TRUE(order.fees().is_zero());
}

TEST(OrderFills, AFillOfAFilledOrderIsARefusedTransition) {
  Order order = order_in(OrderStatus::kFilled);
  const auto result =
      order.apply_fill(Price::parse("100"), Quantity::parse("0.1"), Money::zero(), kT0);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "order 'st-1-1' is filled: cannot fill (filled -> filled is not a transition)");
}

TEST(OrderFills, ZeroOrNegativeFillsAreRefused) {
  Order order = order_in(OrderStatus::kAccepted);
  EXPECT_FALSE(order.apply_fill(Price::parse("100"), Quantity::zero(), Money::zero(), kT0).ok());
  EXPECT_FALSE(order.apply_fill(Price::parse("0"), Quantity::parse("1"), Money::zero(), kT0).ok());
  EXPECT_EQ(order.status(), OrderStatus::kAccepted);
}

TEST(OrderFills, PartialFillsAccumulateQuantityFeesAndTheAveragePrice) {
  // 0.5 @ 100 + 0.5 @ 102: notional 50 + 51 = 101 over 1 → average 101; fees 0.05 + 0.051.
  Order order(limit_buy("1", "102"), kT0);
  ASSERT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
  ASSERT_TRUE(
      order.apply_fill(Price::parse("100"), Quantity::parse("0.5"), Money::parse("0.05"), kT0)
          .ok());
  EXPECT_EQ(order.status(), OrderStatus::kPartiallyFilled);
  EXPECT_EQ(order.average_fill_price(), Price::parse("100"));
  EXPECT_EQ(order.remaining_quantity(), Quantity::parse("0.5"));
  const Timestamp later = kT0 + core::Duration::seconds(5);
  ASSERT_TRUE(
      order.apply_fill(Price::parse("102"), Quantity::parse("0.5"), Money::parse("0.051"), later)
          .ok());
  EXPECT_EQ(order.status(), OrderStatus::kFilled);
  EXPECT_EQ(order.filled_quantity(), Quantity::parse("1"));
  EXPECT_EQ(order.filled_notional(), Money::parse("101"));
  EXPECT_EQ(order.average_fill_price(), Price::parse("101"));
  EXPECT_EQ(order.fees(), Money::parse("0.101"));
  EXPECT_EQ(order.updated_at(), later);
  EXPECT_EQ(order.created_at(), kT0);
}

TEST(OrderFills, AnAverageThatDoesNotTerminateIsRoundedHalfEvenFourDecimalsBelowThePrice) {
  // 1 @ 100.00 + 2 @ 100.01: 300.02 / 3 = 100.006666… → 6 decimals (2 + 4): 100.006667.
  Order order(limit_buy("3", "101"), kT0);
  ASSERT_TRUE(order.accept(core::VenueOrderId("v1"), kT0).ok());
  ASSERT_TRUE(
      order.apply_fill(Price::parse("100.00"), Quantity::parse("1"), Money::zero(), kT0).ok());
  ASSERT_TRUE(
      order.apply_fill(Price::parse("100.01"), Quantity::parse("2"), Money::zero(), kT0).ok());
  EXPECT_EQ(order.filled_notional(), Money::parse("300.02"));
  EXPECT_EQ(order.average_fill_price()->to_string(), "100.006667");
}

TEST(OrderRequests, AreCheckedWhenAnOrderIsCreated) {
  OrderRequest no_price = limit_buy("1", "100");
  no_price.price.reset();
  const auto created = Order::create(no_price, kT0);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().message(), "order 'st-1-1' (BTC/USDT buy limit): needs a limit price");

  OrderRequest zero = limit_buy("0", "100");
  EXPECT_FALSE(Order::create(zero, kT0).ok());

  OrderRequest stop = limit_buy("1", "100");
  stop.type = core::OrderType::kStopMarket;
  stop.price.reset();
  EXPECT_FALSE(Order::create(stop, kT0).ok());
  stop.trigger_price = Price::parse("95");
  EXPECT_TRUE(Order::create(stop, kT0).ok());
}

TEST(OrderEvents, CarryTheOrderAsItIsNow) {
  Order order = order_in(OrderStatus::kPartiallyFilled);
  ASSERT_TRUE(order.cancel("strategy exit", kT0).ok());
  bus::EventHeader header{kT0, kT0 + core::Duration::milliseconds(3), core::TraceId("trace-7")};
  const bus::OrderEvent event = to_event(order, header);
  EXPECT_EQ(event.header.ts_init, kT0 + core::Duration::milliseconds(3));
  EXPECT_EQ(event.header.trace_id.str(), "trace-7");
  EXPECT_EQ(event.client_order_id.str(), "st-1-1");
  EXPECT_EQ(event.venue_order_id.str(), "v1");
  EXPECT_EQ(event.symbol.to_string(), "BTC/USDT");
  EXPECT_EQ(event.status, OrderStatus::kCanceled);
  EXPECT_EQ(event.type, core::OrderType::kLimit);
  EXPECT_EQ(event.quantity, Quantity::parse("1"));
  EXPECT_EQ(event.price, Price::parse("100"));
  EXPECT_EQ(event.filled_quantity, Quantity::parse("0.4"));
  EXPECT_EQ(event.reason, "strategy exit");
}

}  // namespace
}  // namespace sigtrader::execution
