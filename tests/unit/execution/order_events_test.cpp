#include <vector>

#include <gtest/gtest.h>

#include "bus/message_bus.hpp"
#include "execution/order.hpp"

namespace sigtrader::execution {
namespace {

using core::OrderStatus;
using core::Timestamp;

TEST(OrderEvents, OneEventPerTransitionTellsTheWholeLifecycle) {
  // A buy of 1 accepted, filled 0.25 then 0.75, published after each step as the OMS does.
  bus::MessageBus bus;
  std::vector<bus::OrderEvent> seen;
  bus.subscribe<bus::OrderEvent>([&seen](const bus::OrderEvent& event) { seen.push_back(event); });

  OrderRequest request;
  request.client_order_id = core::ClientOrderId("st-9-1");
  request.symbol = core::Symbol{"ETH", "USDT"};
  request.quantity = core::Quantity::parse("1");
  const Timestamp t0 = Timestamp::from_seconds(1'704'067'200);
  auto publish = [&bus](const Order& order) {
    bus.publish(to_event(order, bus::EventHeader{order.updated_at(), order.updated_at(), {}}));
  };

  Order order(request, t0);
  publish(order);
  ASSERT_TRUE(order.accept(core::VenueOrderId("88"), t0 + core::Duration::milliseconds(5)).ok());
  publish(order);
  ASSERT_TRUE(order
                  .apply_fill(core::Price::parse("2000"), core::Quantity::parse("0.25"),
                              core::Money::parse("0.5"), t0 + core::Duration::milliseconds(6))
                  .ok());
  publish(order);
  ASSERT_TRUE(order
                  .apply_fill(core::Price::parse("2001"), core::Quantity::parse("0.75"),
                              core::Money::parse("1.50075"), t0 + core::Duration::milliseconds(7))
                  .ok());
  publish(order);

  ASSERT_EQ(seen.size(), 4U);
  const std::vector<OrderStatus> expected{OrderStatus::kNew, OrderStatus::kAccepted,
                                          OrderStatus::kPartiallyFilled, OrderStatus::kFilled};
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].status, expected[i]) << i;
    EXPECT_EQ(seen[i].header.ts_event, t0 + core::Duration::milliseconds(i == 0 ? 0 : 4 + i));
  }
  EXPECT_TRUE(seen[0].venue_order_id.empty());
  EXPECT_EQ(seen[1].venue_order_id.str(), "88");
  EXPECT_EQ(seen[2].filled_quantity, core::Quantity::parse("0.25"));
  EXPECT_EQ(seen[3].filled_quantity, core::Quantity::parse("1"));
  // 0.25 × 2000 + 0.75 × 2001 = 500 + 1500.75 = 2000.75.
  EXPECT_EQ(order.average_fill_price(), core::Price::parse("2000.75"));
}

}  // namespace
}  // namespace sigtrader::execution
