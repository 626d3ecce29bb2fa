#include "execution/order.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "execution/average_price.hpp"

namespace sigtrader::execution {
namespace {

using core::Error;
using core::ErrorCode;
using core::OrderStatus;
using core::OrderType;

bool needs_limit_price(OrderType type) {
  return type == OrderType::kLimit || type == OrderType::kStopLimit ||
         type == OrderType::kTakeProfitLimit;
}

bool needs_trigger_price(OrderType type) {
  return type == OrderType::kStopMarket || type == OrderType::kStopLimit ||
         type == OrderType::kTakeProfitMarket || type == OrderType::kTakeProfitLimit;
}

Error invalid_request(const OrderRequest& request, std::string_view what) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("order '{}' ({} {} {}): {}", request.client_order_id.str(),
                           request.symbol.to_string(), core::to_string(request.side),
                           core::to_string(request.type), what));
}

}  // namespace

core::Status OrderRequest::validate() const {
  if (client_order_id.empty()) return invalid_request(*this, "the client order id is empty");
  if (quote_quantity) {
    if (type != core::OrderType::kMarket) {
      return invalid_request(*this, "a quote quantity is only for market orders");
    }
    if (!quote_quantity->is_positive()) {
      return invalid_request(
          *this, fmt::format("quote quantity {} is not positive", quote_quantity->to_string()));
    }
    if (!quantity.is_zero()) {
      return invalid_request(*this, "give a quantity or a quote quantity, not both");
    }
  } else if (!quantity.is_positive()) {
    return invalid_request(*this, fmt::format("quantity {} is not positive", quantity.to_string()));
  }
  if (price && !price->is_positive()) {
    return invalid_request(*this, fmt::format("price {} is not positive", price->to_string()));
  }
  if (trigger_price && !trigger_price->is_positive()) {
    return invalid_request(
        *this, fmt::format("trigger price {} is not positive", trigger_price->to_string()));
  }
  if (needs_limit_price(type) && !price) return invalid_request(*this, "needs a limit price");
  if (needs_trigger_price(type) && !trigger_price) {
    return invalid_request(*this, "needs a trigger price");
  }
  return {};
}

bool is_allowed_transition(OrderStatus from, OrderStatus to) {
  switch (from) {
    case OrderStatus::kNew:
      return to == OrderStatus::kAccepted || to == OrderStatus::kRejected ||
             to == OrderStatus::kCanceled;
    case OrderStatus::kAccepted:
    case OrderStatus::kPartiallyFilled:
      return to == OrderStatus::kPartiallyFilled || to == OrderStatus::kFilled ||
             to == OrderStatus::kCanceled || to == OrderStatus::kExpired;
    case OrderStatus::kFilled:
    case OrderStatus::kCanceled:
    case OrderStatus::kRejected:
    case OrderStatus::kExpired:
      return false;
  }
  return false;
}

Order::Order(OrderRequest request, core::Timestamp created_at)
    : request_(std::move(request)), created_at_(created_at), updated_at_(created_at) {
  SIGTRADER_ASSERT(request_.validate().ok(), "an Order needs a valid request; use Order::create");
}

core::Result<Order> Order::create(OrderRequest request, core::Timestamp created_at) {
  SIGTRADER_RETURN_IF_ERROR(request.validate());
  return Order(std::move(request), created_at);
}

core::Status Order::check_transition(OrderStatus to, std::string_view action) const {
  if (is_allowed_transition(status_, to)) return {};
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("order '{}' is {}: cannot {} ({} -> {} is not a transition)",
                           request_.client_order_id.str(), core::to_string(status_), action,
                           core::to_string(status_), core::to_string(to)));
}

core::Status Order::accept(core::VenueOrderId venue_order_id, core::Timestamp ts) {
  SIGTRADER_RETURN_IF_ERROR(check_transition(OrderStatus::kAccepted, "accept"));
  venue_order_id_ = std::move(venue_order_id);
  status_ = OrderStatus::kAccepted;
  updated_at_ = ts;
  return {};
}

core::Status Order::apply_fill(core::Price price, core::Quantity quantity, core::Money fee,
                               core::Timestamp ts) {
  const std::string& id = request_.client_order_id.str();
  if (!price.is_positive() || !quantity.is_positive()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("order '{}': a fill needs a positive price and quantity, got {} @ {}",
                             id, quantity.to_string(), price.to_string()));
  }
  // A quote order learns its quantity from its one fill (see OrderRequest::quote_quantity).
  if (request_.quote_quantity && request_.quantity.is_zero() && status_ == OrderStatus::kAccepted) {
    request_.quantity = quantity;
  }
  SIGTRADER_TRY(const core::Decimal filled,
                core::checked_add(filled_quantity_.decimal(), quantity.decimal()));
  const core::Quantity new_filled(filled);
  // The edge first, so that a fill of a terminal order says so rather than "overfill".
  const OrderStatus next =
      new_filled >= request_.quantity ? OrderStatus::kFilled : OrderStatus::kPartiallyFilled;
  SIGTRADER_RETURN_IF_ERROR(check_transition(next, "fill"));
  if (new_filled > request_.quantity) {
    return Error(ErrorCode::kOutOfRange,
                 fmt::format("order '{}' is {}: a fill of {} would overfill it ({} of {} already "
                             "filled, {} remaining)",
                             id, core::to_string(status_), quantity.to_string(),
                             filled_quantity_.to_string(), request_.quantity.to_string(),
                             remaining_quantity().to_string()));
  }

  SIGTRADER_TRY(const core::Decimal notional,
                core::checked_mul(price.decimal(), quantity.decimal()));
  SIGTRADER_TRY(const core::Decimal new_notional,
                core::checked_add(filled_notional_.decimal(), notional));
  SIGTRADER_TRY(const core::Decimal new_fees, core::checked_add(fees_.decimal(), fee.decimal()));
  const int price_scale = std::max(finest_price_scale_, price.scale());
  SIGTRADER_TRY(const core::Price average,
                average_price(core::Money(new_notional), new_filled, price_scale));

  filled_quantity_ = new_filled;
  filled_notional_ = core::Money(new_notional);
  average_fill_price_ = average;
  finest_price_scale_ = price_scale;
  fees_ = core::Money(new_fees);
  status_ = next;
  updated_at_ = ts;
  return {};
}

core::Status Order::close_with(OrderStatus to, std::string_view action, std::string reason,
                               core::Timestamp ts) {
  SIGTRADER_RETURN_IF_ERROR(check_transition(to, action));
  status_ = to;
  reason_ = std::move(reason);
  updated_at_ = ts;
  return {};
}

core::Status Order::cancel(std::string reason, core::Timestamp ts) {
  return close_with(OrderStatus::kCanceled, "cancel", std::move(reason), ts);
}

core::Status Order::reject(std::string reason, core::Timestamp ts) {
  return close_with(OrderStatus::kRejected, "reject", std::move(reason), ts);
}

core::Status Order::expire(core::Timestamp ts, std::string reason) {
  return close_with(OrderStatus::kExpired, "expire", std::move(reason), ts);
}

bus::OrderEvent to_event(const Order& order, bus::EventHeader header) {
  const OrderRequest& request = order.request();
  bus::OrderEvent event;
  event.header = std::move(header);
  event.client_order_id = request.client_order_id;
  event.venue_order_id = order.venue_order_id();
  event.symbol = request.symbol;
  event.side = request.side;
  event.type = request.type;
  event.status = order.status();
  event.quantity = request.quantity;
  event.price = request.price;
  event.trigger_price = request.trigger_price;
  event.filled_quantity = order.filled_quantity();
  event.reduce_only = request.reduce_only;
  event.reason = order.reason();
  return event;
}

}  // namespace sigtrader::execution
