#include "core/order_types.hpp"

#include <array>
#include <utility>

namespace sigtrader::core {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> find_by_name(const std::array<std::pair<Enum, std::string_view>, N>& names,
                                 std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<OrderType, std::string_view>, 6> kOrderTypes{{
    {OrderType::kMarket, "market"},
    {OrderType::kLimit, "limit"},
    {OrderType::kStopMarket, "stop_market"},
    {OrderType::kStopLimit, "stop_limit"},
    {OrderType::kTakeProfitMarket, "take_profit_market"},
    {OrderType::kTakeProfitLimit, "take_profit_limit"},
}};

constexpr std::array<std::pair<TimeInForce, std::string_view>, 4> kTimeInForce{{
    {TimeInForce::kGtc, "gtc"},
    {TimeInForce::kIoc, "ioc"},
    {TimeInForce::kFok, "fok"},
    {TimeInForce::kPostOnly, "post_only"},
}};

constexpr std::array<std::pair<OrderStatus, std::string_view>, 7> kOrderStatus{{
    {OrderStatus::kNew, "new"},
    {OrderStatus::kAccepted, "accepted"},
    {OrderStatus::kPartiallyFilled, "partially_filled"},
    {OrderStatus::kFilled, "filled"},
    {OrderStatus::kCanceled, "canceled"},
    {OrderStatus::kRejected, "rejected"},
    {OrderStatus::kExpired, "expired"},
}};

}  // namespace

std::string_view to_string(OrderType type) {
  return name_of(kOrderTypes, type);
}
std::string_view to_string(TimeInForce tif) {
  return name_of(kTimeInForce, tif);
}
std::string_view to_string(OrderStatus status) {
  return name_of(kOrderStatus, status);
}
std::optional<OrderType> parse_order_type(std::string_view text) {
  return find_by_name(kOrderTypes, text);
}
std::optional<TimeInForce> parse_time_in_force(std::string_view text) {
  return find_by_name(kTimeInForce, text);
}
std::optional<OrderStatus> parse_order_status(std::string_view text) {
  return find_by_name(kOrderStatus, text);
}

}  // namespace sigtrader::core
