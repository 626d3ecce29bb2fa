#include "engine/paper_journal.hpp"

#include <utility>

#include "core/assert.hpp"

namespace sigtrader::engine {

PaperJournal::PaperJournal(bus::MessageBus& bus, const execution::OrderManager& orders,
                           core::UserId user, std::string strategy)
    : bus_(bus), orders_(orders), user_(user), strategy_(std::move(strategy)) {
  order_subscription_ =
      bus_.subscribe<bus::OrderEvent>([this](const bus::OrderEvent& event) { on_order(event); });
  fill_subscription_ =
      bus_.subscribe<bus::FillEvent>([this](const bus::FillEvent& event) { on_fill(event); });
}

PaperJournal::~PaperJournal() {
  bus_.unsubscribe(order_subscription_);
  bus_.unsubscribe(fill_subscription_);
}

void PaperJournal::mark_replayed() {
  for (const core::ClientOrderId& id : dirty_) {
    OrderState& state = states_.at(id);
    state.stored = true;
    state.dirty = false;
  }
  dirty_.clear();
  fills_.clear();
}

core::Status PaperJournal::write(storage::Store& store) {
  for (const core::ClientOrderId& id : dirty_) {
    OrderState& state = states_.at(id);
    if (!state.stored) {
      SIGTRADER_TRY(state.row_id, store.insert_order(state.row));
      state.stored = true;
    } else {
      SIGTRADER_RETURN_IF_ERROR(
          store.update_order(id, storage::OrderUpdate{.status = state.row.status,
                                                      .filled_quantity = state.row.filled_quantity,
                                                      .average_price = state.row.average_price,
                                                      .venue_order_id = state.row.venue_order_id,
                                                      .reason = state.row.reason,
                                                      .updated_at = state.row.updated_at}));
    }
    state.dirty = false;
  }
  dirty_.clear();
  for (const bus::FillEvent& fill : fills_) {
    OrderState& state = states_.at(fill.client_order_id);
    if (!state.row_id) {
      SIGTRADER_TRY(const storage::OrderRow stored, store.find_order(fill.client_order_id));
      state.row_id = stored.id;
    }
    SIGTRADER_RETURN_IF_ERROR(store.insert_fill(storage::FillRow{
        .id = {},
        .order_id = *state.row_id,
        .trade_id = fill.trade_id,
        .price = fill.price,
        .quantity = fill.quantity,
        .fee = fill.fee,
        .fee_asset = fill.fee_asset,
        .maker = fill.maker,
        .ts_event = fill.header.ts_event,
        .ts_init = fill.header.ts_init,
    }));
  }
  fills_.clear();
  return {};
}

void PaperJournal::on_order(const bus::OrderEvent& event) {
  auto [slot, inserted] = states_.try_emplace(event.client_order_id);
  OrderState& state = slot->second;
  storage::OrderRow& row = state.row;
  const execution::Order* order = orders_.order(event.client_order_id);
  if (inserted) {
    row.client_order_id = event.client_order_id;
    row.user_id = user_;
    row.venue = "sim";
    row.symbol = event.symbol;
    row.side = event.side;
    row.type = event.type;
    row.reduce_only = event.reduce_only;
    row.strategy_id = core::StrategyId(strategy_);
    if (!event.header.trace_id.empty()) row.trace_id = event.header.trace_id;
    row.created_at = event.header.ts_event;
  }
  if (!state.stored) {
    // What insert_order() will write; once stored these no longer change (OrderUpdate).
    row.quantity = event.quantity;
    row.price = event.price;
    row.trigger_price = event.trigger_price;
    if (order != nullptr) row.time_in_force = order->request().time_in_force;
  }
  row.status = event.status;
  row.filled_quantity = event.filled_quantity;
  if (order != nullptr && order->average_fill_price()) {
    row.average_price = order->average_fill_price();
  }
  if (!event.venue_order_id.empty()) row.venue_order_id = event.venue_order_id;
  if (!event.reason.empty()) row.reason = event.reason;
  row.updated_at = event.header.ts_event;
  if (!state.dirty) {
    state.dirty = true;
    dirty_.push_back(event.client_order_id);
  }
}

void PaperJournal::on_fill(const bus::FillEvent& event) {
  // The order manager publishes an order's event before its fill's.
  const auto state = states_.find(event.client_order_id);
  SIGTRADER_ASSERT(state != states_.end(), "a fill of an order the journal has seen");
  ++state->second.fills;
  ++fill_count_;
  fills_.push_back(event);
}

}  // namespace sigtrader::engine
