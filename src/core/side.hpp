#pragma once

#include <optional>
#include <string_view>

namespace sigtrader::core {

// The direction of an order.
enum class OrderSide { kBuy, kSell };

// The direction of a position or a signal.
enum class PositionSide { kLong, kShort };

constexpr std::string_view to_string(OrderSide side) {
  return side == OrderSide::kBuy ? "buy" : "sell";
}
constexpr std::string_view to_string(PositionSide side) {
  return side == PositionSide::kLong ? "long" : "short";
}
constexpr OrderSide opposite(OrderSide side) {
  return side == OrderSide::kBuy ? OrderSide::kSell : OrderSide::kBuy;
}
// The order side that opens a position of this side.
constexpr OrderSide entry_side(PositionSide side) {
  return side == PositionSide::kLong ? OrderSide::kBuy : OrderSide::kSell;
}

std::optional<OrderSide> parse_order_side(std::string_view text);
std::optional<PositionSide> parse_position_side(std::string_view text);

}  // namespace sigtrader::core
