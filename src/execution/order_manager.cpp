#include "execution/order_manager.hpp"

#include <utility>

#include <fmt/format.h>

namespace sigtrader::execution {
namespace {

constexpr std::string_view kComponent = "order_manager";

}  // namespace

OrderManager::OrderManager(bus::MessageBus& bus, const core::Clock& clock, ExchangeClient& exchange,
                           Portfolio& portfolio)
    : bus_(bus), clock_(clock), exchange_(exchange), portfolio_(portfolio), ids_("oms", clock) {
  exchange_.set_listener(this);
}

OrderManager::~OrderManager() {
  exchange_.set_listener(nullptr);
}

core::Status OrderManager::add_instrument(const core::Instrument& instrument) {
  SIGTRADER_RETURN_IF_ERROR(instrument.validate());
  SIGTRADER_RETURN_IF_ERROR(portfolio_.set_kind(instrument.symbol, instrument.kind));
  instruments_.insert_or_assign(instrument.symbol, instrument);
  return {};
}

void OrderManager::publish(const Record& record, core::Timestamp ts_event) {
  bus_.publish(to_event(record.order, bus::EventHeader{ts_event, clock_.now(), record.trace}));
}

core::Error OrderManager::reject_request(const OrderRequest& request, const core::TraceId& trace,
                                         const core::Error& error) {
  const core::Timestamp now = clock_.now();
  if (request.validate().ok()) {
    // A well-formed order that broke a rule is kept, so its id stays taken and it can be looked up.
    Record record{Order(request, now), trace};
    (void)record.order.reject(error.message(), now);
    publish(record, now);
    orders_.emplace(request.client_order_id, std::move(record));
    retire_if_terminal(request.client_order_id);
  } else {
    // Malformed requests cannot become an Order; the event still tells what was refused and why.
    bus::OrderEvent event;
    event.header = bus::EventHeader{now, now, trace};
    event.client_order_id = request.client_order_id;
    event.symbol = request.symbol;
    event.side = request.side;
    event.type = request.type;
    event.status = core::OrderStatus::kRejected;
    event.quantity = request.quantity;
    event.price = request.price;
    event.trigger_price = request.trigger_price;
    event.reduce_only = request.reduce_only;
    event.reason = error.message();
    bus_.publish(event);
  }
  return error;
}

core::Result<core::ClientOrderId> OrderManager::submit(OrderRequest request, core::TraceId trace,
                                                       std::optional<core::Price> reference_price) {
  if (request.client_order_id.empty()) request.client_order_id = ids_.next();
  const core::ClientOrderId id = request.client_order_id;
  if (orders_.count(id)) {
    return core::Error(core::ErrorCode::kAlreadyExists,
                       fmt::format("order '{}' was already submitted", id.str()));
  }
  if (auto valid = request.validate(); !valid.ok()) {
    return reject_request(request, trace, valid.error());
  }
  const auto instrument = instruments_.find(request.symbol);
  if (instrument == instruments_.end()) {
    return reject_request(request, trace,
                          core::Error(core::ErrorCode::kRejected,
                                      fmt::format("order '{}': no instrument {} was added",
                                                  id.str(), request.symbol.to_string())));
  }
  const std::optional<core::Price> price =
      request.price ? request.price
                    : (request.trigger_price ? request.trigger_price : reference_price);
  if (request.quote_quantity) {
    // The venue sets its quantity at the fill price; only the amount can be checked here.
    if (*request.quote_quantity < instrument->second.min_notional) {
      return reject_request(
          request, trace,
          core::Error(core::ErrorCode::kRejected,
                      fmt::format("order '{}': quote quantity {} is below the minimum notional {}",
                                  id.str(), request.quote_quantity->to_string(),
                                  instrument->second.min_notional.to_string())));
    }
  } else if (auto filters =
                 instrument->second.validate_order(request.side, request.quantity, price);
             !filters.ok()) {
    return reject_request(request, trace, filters.error());
  }

  const core::Timestamp now = clock_.now();
  auto [slot, inserted] = orders_.emplace(id, Record{Order(request, now), std::move(trace)});
  publish(slot->second, now);
  // Reports may arrive during place_order (SimExchange acknowledges at once): the record exists.
  if (auto placed = exchange_.place_order(request); !placed.ok()) {
    Order& order = slot->second.order;
    if (!order.is_terminal() && order.reject(placed.error().message(), clock_.now()).ok()) {
      publish(slot->second, clock_.now());
    }
    retire_if_terminal(id);
    return placed.error();
  }
  return id;
}

core::Status OrderManager::cancel(const core::ClientOrderId& id) {
  const auto found = orders_.find(id);
  if (found == orders_.end()) {
    return core::Error(core::ErrorCode::kNotFound, fmt::format("no order '{}'", id.str()));
  }
  const Order& order = found->second.order;
  if (order.is_terminal()) {
    return core::Error(core::ErrorCode::kRejected, fmt::format("order '{}' is already {}", id.str(),
                                                               core::to_string(order.status())));
  }
  return exchange_.cancel_order(order.request().symbol, id);
}

const Order* OrderManager::order(const core::ClientOrderId& id) const {
  const auto found = orders_.find(id);
  return found != orders_.end() ? &found->second.order : nullptr;
}

std::vector<const Order*> OrderManager::open_orders(const core::Symbol& symbol) const {
  std::vector<const Order*> out;
  for (const auto& [id, record] : orders_) {
    if (!record.order.is_terminal() && record.order.request().symbol == symbol) {
      out.push_back(&record.order);
    }
  }
  return out;
}

void OrderManager::warn(std::string message, const ExecutionReport& report) {
  bus::SystemEvent event;
  event.header = bus::EventHeader{report.ts, clock_.now(), {}};
  event.kind = "warning";
  event.component = std::string(kComponent);
  event.message = std::move(message);
  event.details = {{"client_order_id", report.client_order_id.str()},
                   {"venue_order_id", report.venue_order_id.str()},
                   {"symbol", report.symbol.to_string()}};
  bus_.publish(event);
}

void OrderManager::on_execution_report(const ExecutionReport& report) {
  if (report.kind == ExecutionReport::Kind::kLiquidation) {
    on_liquidation(report);
    return;
  }
  const auto found = orders_.find(report.client_order_id);
  if (found == orders_.end()) {
    warn(fmt::format("report for an unknown order '{}'", report.client_order_id.str()), report);
    return;
  }
  Record& record = found->second;
  Order& order = record.order;
  core::Status status;
  switch (report.kind) {
    case ExecutionReport::Kind::kAccepted:
      status = order.accept(report.venue_order_id, report.ts);
      break;
    case ExecutionReport::Kind::kFill:
      on_fill(record, report);
      retire_if_terminal(report.client_order_id);
      return;
    case ExecutionReport::Kind::kCanceled:
      status = order.cancel(report.reason, report.ts);
      break;
    case ExecutionReport::Kind::kRejected:
      status = order.reject(report.reason, report.ts);
      break;
    case ExecutionReport::Kind::kExpired:
      status = order.expire(report.ts, report.reason);
      break;
    case ExecutionReport::Kind::kLiquidation:
      return;
  }
  if (!status.ok()) {
    warn(status.error().message(), report);
    return;
  }
  publish(record, report.ts);
  retire_if_terminal(report.client_order_id);
}

void OrderManager::retire_if_terminal(const core::ClientOrderId& id) {
  const auto found = orders_.find(id);
  if (found == orders_.end() || !found->second.order.is_terminal()) return;
  finished_.push_back(id);
  while (finished_.size() > kRetainedOrders) {
    orders_.erase(finished_.front());
    finished_.pop_front();
  }
}

void OrderManager::on_fill(Record& record, const ExecutionReport& report) {
  Order& order = record.order;
  // A fill reported before its acknowledgement still passes through "accepted" (order.hpp).
  if (order.status() == core::OrderStatus::kNew) {
    if (auto accepted = order.accept(report.venue_order_id, report.ts); !accepted.ok()) {
      warn(accepted.error().message(), report);
      return;
    }
    publish(record, report.ts);
  }
  if (auto applied = order.apply_fill(report.price, report.quantity, report.fee, report.ts);
      !applied.ok()) {
    warn(applied.error().message(), report);
    return;
  }
  // The books first, so that every subscriber of the events below sees the fill settled.
  total_fees_ += report.fee;
  total_slippage_ += report.slippage;
  if (auto settled = portfolio_.apply_fill(report.symbol, report.side, report.price,
                                           report.quantity, report.fee);
      !settled.ok()) {
    warn(settled.error().message(), report);
    return;
  }
  publish(record, report.ts);

  bus::FillEvent fill;
  fill.header = bus::EventHeader{report.ts, clock_.now(), record.trace};
  fill.client_order_id = order.client_order_id();
  fill.venue_order_id = order.venue_order_id();
  fill.trade_id = report.trade_id;
  fill.symbol = report.symbol;
  fill.side = report.side;
  fill.price = report.price;
  fill.quantity = report.quantity;
  fill.fee = report.fee;
  fill.fee_asset = portfolio_.quote_asset();
  fill.maker = report.maker;
  fill.slippage = report.slippage;
  bus_.publish(fill);

  if (const Position* position = portfolio_.position(report.symbol)) {
    bus_.publish(
        to_event(*position, report.price, bus::EventHeader{report.ts, clock_.now(), record.trace}));
  }
}

void OrderManager::on_liquidation(const ExecutionReport& report) {
  OrderRequest request;
  request.client_order_id = report.client_order_id;
  request.symbol = report.symbol;
  request.side = report.side;
  request.type = core::OrderType::kMarket;
  request.quantity = report.quantity;
  request.reduce_only = true;
  if (!request.validate().ok() || orders_.count(request.client_order_id)) {
    warn(fmt::format("unusable liquidation report '{}'", report.client_order_id.str()), report);
    return;
  }
  ++liquidations_;
  auto [slot, inserted] =
      orders_.emplace(request.client_order_id, Record{Order(request, report.ts), core::TraceId()});
  publish(slot->second, report.ts);
  bus::SystemEvent event;
  event.header = bus::EventHeader{report.ts, clock_.now(), {}};
  event.kind = "warning";
  event.component = std::string(kComponent);
  event.message = report.reason.empty() ? "position liquidated" : report.reason;
  event.details = {{"symbol", report.symbol.to_string()},
                   {"price", report.price.to_string()},
                   {"quantity", report.quantity.to_string()}};
  bus_.publish(event);
  on_fill(slot->second, report);
  retire_if_terminal(report.client_order_id);
}

void OrderManager::on_funding(const FundingPayment& payment) {
  total_funding_ += payment.amount;
  bus::SystemEvent event;
  event.header = bus::EventHeader{payment.ts, clock_.now(), {}};
  event.kind = "info";
  event.component = std::string(kComponent);
  event.message = fmt::format("funding {} {} on {}", payment.amount.to_string(),
                              portfolio_.quote_asset(), payment.symbol.to_string());
  event.details = {{"symbol", payment.symbol.to_string()},
                   {"rate", payment.rate.to_string()},
                   {"mark", payment.mark.to_string()},
                   {"amount", payment.amount.to_string()}};
  if (auto paid = portfolio_.apply_funding(payment.amount); !paid.ok()) {
    event.kind = "warning";
    event.message = paid.error().message();
  }
  bus_.publish(event);
}

}  // namespace sigtrader::execution
