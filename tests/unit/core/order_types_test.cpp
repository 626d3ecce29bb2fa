#include "core/order_types.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

TEST(OrderTypes, RoundTripTheirNames) {
  for (auto status : {OrderStatus::kNew, OrderStatus::kAccepted, OrderStatus::kPartiallyFilled,
                      OrderStatus::kFilled, OrderStatus::kCanceled, OrderStatus::kRejected,
                      OrderStatus::kExpired}) {
    EXPECT_EQ(parse_order_status(to_string(status)), status);
  }
  EXPECT_TRUE(is_terminal(OrderStatus::kFilled));
  EXPECT_FALSE(is_terminal(OrderStatus::kPartiallyFilled));
  EXPECT_EQ(parse_order_type("stop_limit"), OrderType::kStopLimit);
  EXPECT_EQ(parse_time_in_force("post_only"), TimeInForce::kPostOnly);
  EXPECT_FALSE(parse_order_type("iceberg").has_value());
}

}  // namespace
}  // namespace sigtrader::core
