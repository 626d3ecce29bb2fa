#pragma once

#include <optional>
#include <string_view>

namespace sigtrader::core {

enum class OrderType {
  kMarket,
  kLimit,
  kStopMarket,
  kStopLimit,
  kTakeProfitMarket,
  kTakeProfitLimit
};

enum class TimeInForce {
  kGtc,       // good till canceled
  kIoc,       // immediate or cancel: fill what can be filled now, cancel the rest
  kFok,       // fill or kill: all at once or nothing
  kPostOnly,  // rejected instead of taking liquidity (GTX on Binance)
};

// The order lifecycle: new → accepted → partially filled → filled | canceled | rejected | expired.
enum class OrderStatus {
  kNew,
  kAccepted,
  kPartiallyFilled,
  kFilled,
  kCanceled,
  kRejected,
  kExpired
};

std::string_view to_string(OrderType type);
std::string_view to_string(TimeInForce tif);
std::string_view to_string(OrderStatus status);
std::optional<OrderType> parse_order_type(std::string_view text);
std::optional<TimeInForce> parse_time_in_force(std::string_view text);
std::optional<OrderStatus> parse_order_status(std::string_view text);

// Filled, canceled, rejected and expired orders never change again.
constexpr bool is_terminal(OrderStatus status) {
  return status == OrderStatus::kFilled || status == OrderStatus::kCanceled ||
         status == OrderStatus::kRejected || status == OrderStatus::kExpired;
}

}  // namespace sigtrader::core
