#pragma once

#include <optional>
#include <string>

#include "bus/events.hpp"
#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::execution {

// What a strategy or a user asks for; an Order is this plus what happened to it.
struct OrderRequest {
  core::ClientOrderId client_order_id;
  core::Symbol symbol;
  core::OrderSide side = core::OrderSide::kBuy;
  core::OrderType type = core::OrderType::kMarket;
  core::TimeInForce time_in_force = core::TimeInForce::kGtc;
  core::Quantity quantity;
  std::optional<core::Price> price;          // limit price (limit, stop-limit, take-profit-limit)
  std::optional<core::Price> trigger_price;  // stop / take-profit trigger
  bool reduce_only = false;
  // Market orders only: spend this much of the quote asset, fee included, instead of a fixed
  // quantity (Binance's quoteOrderQty). Only the venue knows the fill price, so it sets the
  // quantity when it fills; `quantity` stays zero until then. This is how "all cash" entries are
  // sized exactly at the price they fill at.
  std::optional<core::Money> quote_quantity;

  // A client id, a positive quantity (or, for a market quote order, a positive quote quantity and
  // no quantity), positive prices where given, a limit price for the limit
  // types and a trigger price for the stop and take-profit types. kInvalidArgument names the field.
  core::Status validate() const;
};

// True for exactly these edges of the lifecycle:
//   new              → accepted | rejected | canceled
//   accepted         → partially filled | filled | canceled | expired
//   partially filled → partially filled | filled | canceled | expired
// A terminal status (filled, canceled, rejected, expired) has no outgoing edge. A fill is never
// taken straight from new: the venue (or SimExchange) acknowledges an order before it executes
// it, so whoever learns of a fill first calls accept() with the venue id, which keeps "accepted"
// in the event stream for every order that traded.
bool is_allowed_transition(core::OrderStatus from, core::OrderStatus to);

// One order and its lifecycle. Every transition either succeeds or returns an Error that names the
// order, its status and the refused transition, leaving the order unchanged.
class Order {
 public:
  // The request must be valid (see create()); a new order has status new.
  Order(OrderRequest request, core::Timestamp created_at);
  // Checks the request first.
  static core::Result<Order> create(OrderRequest request, core::Timestamp created_at);

  core::Status accept(core::VenueOrderId venue_order_id, core::Timestamp ts);
  // Adds an execution: → partially filled, or filled once the whole quantity has traded.
  // `price` and `quantity` are positive; `fee` is in the quote asset and may be negative (a maker
  // rebate). A fill beyond the remaining quantity is refused (kOutOfRange).
  core::Status apply_fill(core::Price price, core::Quantity quantity, core::Money fee,
                          core::Timestamp ts);
  core::Status cancel(std::string reason, core::Timestamp ts);
  core::Status reject(std::string reason, core::Timestamp ts);
  core::Status expire(core::Timestamp ts, std::string reason = "time in force elapsed");

  const OrderRequest& request() const { return request_; }
  const core::ClientOrderId& client_order_id() const { return request_.client_order_id; }
  core::OrderStatus status() const { return status_; }
  bool is_terminal() const { return core::is_terminal(status_); }
  const core::VenueOrderId& venue_order_id() const { return venue_order_id_; }
  core::Quantity filled_quantity() const { return filled_quantity_; }
  core::Quantity remaining_quantity() const { return request_.quantity - filled_quantity_; }
  // Σ price × quantity over the fills, exact.
  core::Money filled_notional() const { return filled_notional_; }
  // filled_notional / filled_quantity, see average_price(); empty before the first fill.
  std::optional<core::Price> average_fill_price() const { return average_fill_price_; }
  core::Money fees() const { return fees_; }
  const std::string& reason() const { return reason_; }
  core::Timestamp created_at() const { return created_at_; }
  core::Timestamp updated_at() const { return updated_at_; }

 private:
  core::Status check_transition(core::OrderStatus to, std::string_view action) const;
  core::Status close_with(core::OrderStatus to, std::string_view action, std::string reason,
                          core::Timestamp ts);

  OrderRequest request_;
  core::OrderStatus status_ = core::OrderStatus::kNew;
  core::VenueOrderId venue_order_id_;
  core::Quantity filled_quantity_;
  core::Money filled_notional_;
  std::optional<core::Price> average_fill_price_;
  int finest_price_scale_ = 0;  // the largest scale among fill prices, for the average
  core::Money fees_;
  std::string reason_;
  core::Timestamp created_at_;
  core::Timestamp updated_at_;
};

// The order as it is now, for the bus (one event per transition).
bus::OrderEvent to_event(const Order& order, bus::EventHeader header);

}  // namespace sigtrader::execution
