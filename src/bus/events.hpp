#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

// The events every module publishes on the MessageBus. Each carries an EventHeader and a kType
// name, which is also its "type" in the JSONL event log.
namespace sigtrader::bus {

struct EventHeader {
  core::Timestamp ts_event;  // when it happened at the source (post time, candle close, fill time)
  core::Timestamp ts_init;   // when sigtrader received or produced it; replays order by this
  core::TraceId trace_id;    // follows one signal through decision, orders and fills; may be empty
};

// A classified post from a signal source.
struct SignalEvent {
  static constexpr std::string_view kType = "signal";
  EventHeader header;
  core::ChannelId channel;
  core::MessageId message_id;
  std::string label;  // long | short | update | none
  double confidence = 0.0;
  std::optional<core::Symbol> symbol;
  std::optional<core::PositionSide> side;
  std::vector<core::Price> entries;
  std::vector<core::Price> targets;
  std::optional<core::Price> stop_loss;
  int leverage = 1;
  // 1 for the post as first seen, n for its n-th text (an edit); a replay at time t sees only the
  // versions visible by t.
  int version = 1;
  // An update's kind (target_hit | stop_hit | move_stop | ...), the message id of the signal it
  // refers to, and the rule that linked it (reply | symbol | recent).
  std::optional<std::string> update_kind = std::nullopt;
  std::optional<core::MessageId> refers_to = std::nullopt;
  std::optional<std::string> link_rule = std::nullopt;
  // The fields that differ from the previous version's reading ("stop_loss", "targets"); empty
  // for version 1.
  std::vector<std::string> changed = {};
};

// An order changed state (every transition of the lifecycle is one event).
struct OrderEvent {
  static constexpr std::string_view kType = "order";
  EventHeader header;
  core::ClientOrderId client_order_id;
  core::VenueOrderId venue_order_id;
  core::Symbol symbol;
  core::OrderSide side = core::OrderSide::kBuy;
  core::OrderType type = core::OrderType::kMarket;
  core::OrderStatus status = core::OrderStatus::kNew;
  core::Quantity quantity;
  std::optional<core::Price> price;          // limit price
  std::optional<core::Price> trigger_price;  // stop / take-profit trigger
  core::Quantity filled_quantity;
  bool reduce_only = false;
  std::string reason;  // why it was rejected, canceled or expired
};

// A (partial) execution of an order.
struct FillEvent {
  static constexpr std::string_view kType = "fill";
  EventHeader header;
  core::ClientOrderId client_order_id;
  core::VenueOrderId venue_order_id;
  core::TradeId trade_id;
  core::Symbol symbol;
  core::OrderSide side = core::OrderSide::kBuy;
  core::Price price;
  core::Quantity quantity;
  core::Money fee;
  std::string fee_asset;
  bool maker = false;
  // What slippage cost against the reference price (simulated fills; zero from real venues).
  core::Money slippage;
};

// A position after a change; quantity is signed (negative = short), zero once closed.
struct PositionEvent {
  static constexpr std::string_view kType = "position";
  EventHeader header;
  core::Symbol symbol;
  core::Quantity quantity;
  core::Price average_entry;
  core::Money realized_pnl;
  core::Money unrealized_pnl;
  core::Money fees;
};

// A risk decision or state change: an entry accepted, resized or rejected, the breaker opening.
struct RiskEvent {
  static constexpr std::string_view kType = "risk";
  EventHeader header;
  std::string
      kind;  // decision_accepted | decision_resized | decision_rejected | breaker_opened ...
  std::optional<core::Symbol> symbol;
  std::string reason;
  std::vector<std::pair<std::string, std::string>> details;  // ordered, printed as they are
};

// The program itself: started, stopped, a component failed or recovered.
struct SystemEvent {
  static constexpr std::string_view kType = "system";
  EventHeader header;
  std::string kind;  // started | stopped | error | warning | info
  std::string component;
  std::string message;
  std::vector<std::pair<std::string, std::string>> details;
};

}  // namespace sigtrader::bus
