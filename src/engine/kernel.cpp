#include "engine/kernel.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

core::OrderSide closing_side(const execution::Position& position) {
  return position.is_long() ? core::OrderSide::kSell : core::OrderSide::kBuy;
}

core::Quantity open_quantity(const execution::Position& position) {
  return position.is_short() ? -position.quantity() : position.quantity();
}

bool is_open(const execution::Position* position) {
  return position != nullptr && !position->is_flat();
}

}  // namespace

Kernel::Kernel(bus::MessageBus& bus, core::Clock& clock, execution::OrderManager& orders,
               execution::Portfolio& portfolio, strategy::Strategy& strategy,
               std::vector<strategy::MarketInfo> markets, KernelOptions options)
    : bus_(bus),
      clock_(clock),
      orders_(orders),
      portfolio_(portfolio),
      strategy_(strategy),
      markets_(std::move(markets)),
      order_ids_(options.order_id_prefix, clock),
      record_decisions_(options.record_decisions) {
  const std::size_t history =
      std::max({options.history_length, strategy.warmup(), static_cast<std::size_t>(1)});
  for (std::size_t i = 0; i < markets_.size(); ++i) {
    SIGTRADER_ASSERT(markets_[i].index == i, "markets are numbered in order from 0");
    MarketState state;
    state.history = CandleHistory(history);
    state_.push_back(std::move(state));
    trades_.add_market(markets_[i].instrument.symbol, markets_[i].leverage);
  }
  fill_subscription_ =
      bus_.subscribe<bus::FillEvent>([this](const bus::FillEvent& fill) { on_fill(fill); });
  order_subscription_ =
      bus_.subscribe<bus::OrderEvent>([this](const bus::OrderEvent& order) { on_order(order); });
}

Kernel::~Kernel() {
  bus_.unsubscribe(fill_subscription_);
  bus_.unsubscribe(order_subscription_);
}

void Kernel::start() {
  strategy_.on_start(*this);
}

void Kernel::stop() {
  strategy_.on_stop(*this);
}

void Kernel::on_candle(std::size_t market, const market::Candle& candle) {
  MarketState& state = state_[market];
  state.last_close = candle.close;
  state.history.push(candle);
  if (state.exits_placed && is_open(state.position)) manage_exits(market, candle);
  strategy_.on_candle(*this, market, candle);
}

void Kernel::on_signal(const bus::SignalEvent& signal) {
  // On the bus first: the event log and the dashboard see every signal the strategy was handed.
  bus_.publish(signal);
  strategy_.on_signal(*this, signal);
}

bool Kernel::has_pending_order(std::size_t market) const {
  const MarketState& state = state_[market];
  return state.entry_order || state.close_order || state.entry_after_close;
}

core::Result<core::ClientOrderId> Kernel::enter(std::size_t market, core::PositionSide side,
                                                const strategy::ExitPlan& exits,
                                                std::optional<core::Quantity> quantity) {
  MarketState& state = state_[market];
  const core::Instrument& instrument = markets_[market].instrument;
  if (has_pending_order(market)) {
    return Error(ErrorCode::kRejected, fmt::format("{}: an entry or a close is still in flight",
                                                   instrument.symbol.to_string()));
  }
  if (side == core::PositionSide::kShort && instrument.kind == core::InstrumentKind::kSpot) {
    return Error(ErrorCode::kRejected, fmt::format("{} is a spot market: a short needs a perpetual",
                                                   instrument.symbol.to_string()));
  }
  SIGTRADER_RETURN_IF_ERROR(exits.validate());
  PendingEntry entry{side, exits, quantity};
  if (is_open(state.position)) {
    const bool same_side = (side == core::PositionSide::kLong) == state.position->is_long();
    if (same_side) {
      return Error(
          ErrorCode::kRejected,
          fmt::format("{}: already {}", instrument.symbol.to_string(), core::to_string(side)));
    }
    // A flip: the entry is sized with the cash the close leaves, so it waits for the close.
    SIGTRADER_TRY(core::ClientOrderId close, exit(market, "signal"));
    if (!state.close_order) {
      return Error(ErrorCode::kRejected, fmt::format("{}: the close before the flip was refused",
                                                     instrument.symbol.to_string()));
    }
    state.entry_after_close = std::move(entry);
    return close;
  }
  return send_entry(market, entry);
}

core::Result<core::ClientOrderId> Kernel::send_entry(std::size_t market,
                                                     const PendingEntry& entry) {
  MarketState& state = state_[market];
  const core::Instrument& instrument = markets_[market].instrument;
  execution::OrderRequest request;
  request.symbol = instrument.symbol;
  request.side = core::entry_side(entry.side);
  request.type = core::OrderType::kMarket;
  if (entry.quantity) {
    SIGTRADER_TRY(request.quantity, instrument.round_quantity(*entry.quantity));
  } else {
    const core::Money cash = portfolio_.cash();
    if (!cash.is_positive()) {
      return Error(ErrorCode::kRejected,
                   fmt::format("{}: no {} cash left to enter with", instrument.symbol.to_string(),
                               portfolio_.quote_asset()));
    }
    request.quote_quantity = cash;
  }
  SIGTRADER_TRY(core::ClientOrderId id, send(market, std::move(request), Role::kEntry, "entry"));
  state.exits = entry.exits;
  if (is_live(id)) state.entry_order = id;  // a venue may refuse it at once
  return id;
}

core::Result<core::ClientOrderId> Kernel::exit(std::size_t market, std::string_view reason) {
  MarketState& state = state_[market];
  if (!is_open(state.position)) return core::ClientOrderId();
  if (state.close_order) {
    return Error(ErrorCode::kRejected, fmt::format("{}: a close is already in flight",
                                                   markets_[market].instrument.symbol.to_string()));
  }
  SIGTRADER_TRY(core::ClientOrderId id,
                send(market, closing_order(market, core::OrderType::kMarket), Role::kClose,
                     std::string(reason)));
  if (is_live(id)) state.close_order = id;
  return id;
}

core::Result<core::ClientOrderId> Kernel::submit(execution::OrderRequest request) {
  const std::optional<std::size_t> market = market_of(request.symbol);
  if (!market) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("{} is not a market of this run", request.symbol.to_string()));
  }
  const core::Instrument& instrument = markets_[*market].instrument;
  if (request.price) {
    SIGTRADER_TRY(request.price, instrument.round_price(*request.price));
  }
  if (request.trigger_price) {
    SIGTRADER_TRY(request.trigger_price, instrument.round_price(*request.trigger_price));
  }
  if (!request.quote_quantity) {
    SIGTRADER_TRY(request.quantity, instrument.round_quantity(request.quantity));
  }
  return send(*market, std::move(request), Role::kOther, "strategy");
}

core::Status Kernel::cancel(const core::ClientOrderId& id) {
  return orders_.cancel(id);
}

core::TimerId Kernel::set_timer(core::Timestamp at, std::string tag) {
  return clock_.set_timer(
      at, [this, tag = std::move(tag)](core::Timestamp) { strategy_.on_timer(*this, tag); });
}

core::Result<core::ClientOrderId> Kernel::send(std::size_t market, execution::OrderRequest request,
                                               Role role, std::string reason) {
  if (request.client_order_id.empty()) request.client_order_id = order_ids_.next();
  const core::ClientOrderId id = request.client_order_id;
  ++orders_sent_;
  if (record_decisions_) {
    Decision decision;
    decision.ts = clock_.now();
    decision.market = market;
    decision.client_order_id = id;
    decision.side = request.side;
    decision.type = request.type;
    decision.quantity = request.quantity;
    decision.quote_quantity = request.quote_quantity;
    decision.price = request.price ? request.price : request.trigger_price;
    decision.reason = reason;
    decisions_.push_back(std::move(decision));
  }
  order_info_[id] = OrderInfo{market, role, std::move(reason)};
  SIGTRADER_TRY(core::ClientOrderId sent,
                orders_.submit(std::move(request), core::TraceId(), state_[market].last_close));
  return sent;
}

std::optional<std::size_t> Kernel::market_of(const core::Symbol& symbol) const {
  for (const strategy::MarketInfo& market : markets_) {
    if (market.instrument.symbol == symbol) return market.index;
  }
  return std::nullopt;
}

void Kernel::refresh_position(std::size_t market) {
  MarketState& state = state_[market];
  if (state.position == nullptr) {
    state.position = portfolio_.position(markets_[market].instrument.symbol);
  }
}

void Kernel::on_fill(const bus::FillEvent& fill) {
  const auto info = order_info_.find(fill.client_order_id);
  std::optional<std::size_t> market;
  std::string_view reason = "liquidation";  // the venue's own orders
  if (info != order_info_.end()) {
    market = info->second.market;
    reason = info->second.reason;
  } else {
    market = market_of(fill.symbol);
  }
  if (!market) return;
  MarketState& state = state_[*market];
  refresh_position(*market);
  const core::Status tracked =
      trades_.on_fill(*market, TrackedFill{fill.side, fill.price, fill.quantity, fill.fee,
                                           fill.slippage, fill.header.ts_event, reason, false});
  SIGTRADER_ASSERT(tracked.ok(), tracked.error().message());
  if (!is_open(state.position)) {
    cancel_exits(*market);
    send_deferred_entry(*market);
  } else {
    const execution::Order* order = orders_.order(fill.client_order_id);
    const bool entry_done = info != order_info_.end() && info->second.role == Role::kEntry &&
                            order != nullptr && order->is_terminal();
    if (entry_done && !state.exits_placed) place_exits(*market, fill.header.ts_event);
  }
  strategy_.on_fill(*this, *market, fill);
  // By key: sending orders above may have rehashed the map.
  const execution::Order* order = orders_.order(fill.client_order_id);
  if (order == nullptr || order->is_terminal()) order_info_.erase(fill.client_order_id);
}

void Kernel::on_order(const bus::OrderEvent& event) {
  if (!core::is_terminal(event.status)) return;
  const auto info = order_info_.find(event.client_order_id);
  if (info == order_info_.end()) return;
  const std::size_t market = info->second.market;
  MarketState& state = state_[market];
  if (event.status == core::OrderStatus::kRejected) {
    ++rejected_orders_;
    constexpr std::size_t kExamples = 3;
    if (rejection_examples_.size() < kExamples) {
      rejection_examples_.push_back(
          fmt::format("{}: {}", event.header.ts_event.to_iso8601(), event.reason));
    }
  }
  refresh_position(market);
  if (state.entry_order == event.client_order_id) {
    state.entry_order.reset();
    // A partly filled entry that ends (IOC rest, cancel) still gets its exits.
    if (is_open(state.position) && !state.exits_placed) place_exits(market, event.header.ts_event);
  } else if (state.close_order == event.client_order_id) {
    state.close_order.reset();
    if (event.status != core::OrderStatus::kFilled) state.entry_after_close.reset();
    send_deferred_entry(market);
  } else if (state.stop_order == event.client_order_id) {
    state.stop_order.reset();
  }
  // A filled order's fill event comes next and still needs its info; others are done.
  // By key: sending orders above may have rehashed the map.
  if (event.status != core::OrderStatus::kFilled) order_info_.erase(event.client_order_id);
}

void Kernel::send_deferred_entry(std::size_t market) {
  MarketState& state = state_[market];
  if (!state.entry_after_close || state.close_order || is_open(state.position)) return;
  const PendingEntry entry = std::move(*state.entry_after_close);
  state.entry_after_close.reset();
  (void)send_entry(market, entry);  // a refusal is an order event already
}

core::Result<core::Price> Kernel::price_at(std::size_t market, core::Price base, core::Decimal pct,
                                           bool above) const {
  SIGTRADER_TRY(const core::Decimal fraction, core::checked_div(pct, core::Decimal::from_int(100),
                                                                12, core::Rounding::kHalfEven));
  const core::Decimal one = core::Decimal::from_int(1);
  SIGTRADER_TRY(const core::Decimal factor,
                above ? core::checked_add(one, fraction) : core::checked_sub(one, fraction));
  SIGTRADER_TRY(const core::Decimal raw, core::checked_mul(base.decimal(), factor));
  return markets_[market].instrument.round_price(core::Price(raw));
}

void Kernel::place_exits(std::size_t market, core::Timestamp opened_at) {
  MarketState& state = state_[market];
  const execution::Position& position = *state.position;
  const strategy::ExitPlan& plan = state.exits;
  const bool is_long = position.is_long();
  const core::Price entry = position.average_entry();
  state.exits_placed = true;
  state.opened_at = opened_at;
  state.best_close = entry;
  state.stop_price.reset();

  // The initial stop: the tighter of the stop-loss and the trailing distance from the entry.
  std::optional<std::pair<core::Price, std::string>> stop;
  auto consider = [&](const std::optional<core::Decimal>& pct, const char* reason) {
    if (!pct) return;
    auto price = price_at(market, entry, *pct, !is_long);
    if (!price || !price->is_positive()) return;
    if (!stop || (is_long ? *price > stop->first : *price < stop->first)) {
      stop.emplace(*price, reason);
    }
  };
  consider(plan.stop_loss_pct, "stop_loss");
  consider(plan.trailing_stop_pct, "trailing_stop");
  if (stop) move_stop(market, stop->first, stop->second);

  const core::Quantity total = open_quantity(position);
  core::Quantity placed;
  core::Decimal fractions;
  const core::Instrument& instrument = markets_[market].instrument;
  for (const strategy::TakeProfitStep& step : plan.take_profits) {
    auto target = price_at(market, entry, step.distance_pct, is_long);
    auto sum = core::checked_add(fractions, step.fraction);
    if (!target || !sum) continue;
    fractions = *sum;
    core::Quantity quantity;
    if (fractions == core::Decimal::from_int(1)) {
      quantity = total - placed;  // the last rung takes the rest, so no dust is left open
    } else {
      auto share = core::checked_mul(total.decimal(), step.fraction);
      if (!share) continue;
      auto rounded = instrument.round_quantity(core::Quantity(*share));
      if (!rounded) continue;
      quantity = *rounded;
    }
    if (!quantity.is_positive()) continue;
    execution::OrderRequest request = closing_order(market, core::OrderType::kTakeProfitMarket);
    request.quantity = quantity;
    request.trigger_price = *target;
    auto id = send(market, std::move(request), Role::kTakeProfit, "take_profit");
    if (id) {
      state.take_profit_orders.push_back(*id);
      placed += quantity;
    }
  }
}

void Kernel::move_stop(std::size_t market, core::Price price, std::string reason) {
  MarketState& state = state_[market];
  if (state.stop_order) {
    cancel_if_live(*state.stop_order);
    state.stop_order.reset();
  }
  execution::OrderRequest request = closing_order(market, core::OrderType::kStopMarket);
  request.trigger_price = price;
  auto id = send(market, std::move(request), Role::kStop, std::move(reason));
  if (id && is_live(*id)) {
    state.stop_order = *id;
    state.stop_price = price;
  }
}

execution::OrderRequest Kernel::closing_order(std::size_t market, core::OrderType type) const {
  const execution::Position& position = *state_[market].position;
  execution::OrderRequest request;
  request.symbol = markets_[market].instrument.symbol;
  request.side = closing_side(position);
  request.type = type;
  request.quantity = open_quantity(position);
  request.reduce_only = true;
  return request;
}

bool Kernel::is_live(const core::ClientOrderId& id) const {
  const execution::Order* order = orders_.order(id);
  return order != nullptr && !order->is_terminal();
}

void Kernel::cancel_if_live(const core::ClientOrderId& id) {
  if (is_live(id)) (void)orders_.cancel(id);
}

void Kernel::cancel_exits(std::size_t market) {
  MarketState& state = state_[market];
  if (state.stop_order) cancel_if_live(*state.stop_order);
  for (const core::ClientOrderId& id : state.take_profit_orders)
    cancel_if_live(id);
  state.stop_order.reset();
  state.stop_price.reset();
  state.take_profit_orders.clear();
  state.exits_placed = false;
}

void Kernel::manage_exits(std::size_t market, const market::Candle& candle) {
  MarketState& state = state_[market];
  const strategy::ExitPlan& plan = state.exits;
  if (plan.time_stop && clock_.now() - state.opened_at >= *plan.time_stop) {
    if (!state.close_order) (void)exit(market, "time_stop");
    return;
  }
  if (!plan.trailing_stop_pct && !plan.break_even_after_pct) return;
  const bool is_long = state.position->is_long();
  const core::Price close = candle.close;
  if (is_long ? close > state.best_close : close < state.best_close) state.best_close = close;

  std::optional<std::pair<core::Price, std::string>> stop;
  auto consider = [&](core::Price price, const char* reason) {
    const bool tighter_than_current =
        !state.stop_price || (is_long ? price > *state.stop_price : price < *state.stop_price);
    const bool tighter_than_other = !stop || (is_long ? price > stop->first : price < stop->first);
    if (tighter_than_current && tighter_than_other) stop.emplace(price, reason);
  };
  if (plan.trailing_stop_pct) {
    auto price = price_at(market, state.best_close, *plan.trailing_stop_pct, !is_long);
    if (price && price->is_positive()) consider(*price, "trailing_stop");
  }
  if (plan.break_even_after_pct) {
    const core::Price entry = state.position->average_entry();
    auto trigger = price_at(market, entry, *plan.break_even_after_pct, is_long);
    auto rounded_entry = markets_[market].instrument.round_price(entry);
    if (trigger && rounded_entry && (is_long ? close >= *trigger : close <= *trigger)) {
      consider(*rounded_entry, "break_even");
    }
  }
  if (stop) move_stop(market, stop->first, stop->second);
}

core::Status Kernel::close_at_end(const core::Decimal& fee_rate) {
  for (std::size_t market = 0; market < markets_.size(); ++market) {
    MarketState& state = state_[market];
    refresh_position(market);
    if (!is_open(state.position) || !state.last_close) continue;
    cancel_exits(market);
    const core::OrderSide side = closing_side(*state.position);
    const core::Quantity quantity = open_quantity(*state.position);
    const core::Price price = *state.last_close;
    SIGTRADER_TRY(const core::Decimal notional,
                  core::checked_mul(price.decimal(), quantity.decimal()));
    SIGTRADER_TRY(const core::Decimal raw_fee, core::checked_mul(notional, fee_rate));
    SIGTRADER_TRY(const core::Money fee,
                  core::Money(raw_fee).round_to(core::Money(core::Decimal::parse("0.00000001")),
                                                core::Rounding::kHalfEven));
    SIGTRADER_RETURN_IF_ERROR(
        portfolio_.apply_fill(markets_[market].instrument.symbol, side, price, quantity, fee));
    SIGTRADER_RETURN_IF_ERROR(trades_.on_fill(
        market,
        TrackedFill{side, price, quantity, fee, core::Money(), clock_.now(), "end_of_data", true}));
  }
  return {};
}

core::Money Kernel::equity() const {
  core::Money total = portfolio_.cash();
  for (std::size_t market = 0; market < markets_.size(); ++market) {
    const MarketState& state = state_[market];
    if (!is_open(state.position) || !state.last_close) continue;
    total += execution::position_value(markets_[market].instrument.kind, *state.position,
                                       *state.last_close)
                 .value();
  }
  return total;
}

}  // namespace sigtrader::engine
