#include "execution/sim_exchange.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "execution/sim_pricing.hpp"

namespace sigtrader::execution {
namespace {

using core::Money;
using core::OrderType;
using core::Price;
using core::Quantity;

bool is_perpetual(const core::Instrument& instrument) {
  return instrument.kind == core::InstrumentKind::kPerpetual;
}

bool has_limit_price(OrderType type) {
  return type == OrderType::kLimit || type == OrderType::kStopLimit ||
         type == OrderType::kTakeProfitLimit;
}

// The price an order is expected to trade at, for balance checks before it fills: its limit, else
// its trigger, else the last mark. Empty when nothing is known yet (checked at fill time instead).
std::optional<Price> expected_price(const OrderRequest& request, std::optional<Price> mark) {
  if (has_limit_price(request.type) && request.price) return request.price;
  if (request.trigger_price) return request.trigger_price;
  return mark;
}

// The part of `quantity` that opens or extends a position rather than reducing it.
Quantity opening_part(const Position& position, core::OrderSide side, Quantity quantity) {
  const bool reduces = (side == core::OrderSide::kBuy && position.is_short()) ||
                       (side == core::OrderSide::kSell && position.is_long());
  if (!reduces) return quantity;
  const Quantity open = position.quantity().abs();
  return quantity > open ? quantity - open : Quantity::zero();
}

}  // namespace

SimExchange::SimExchange(SimExchangeConfig config, const core::Clock& clock,
                         std::vector<core::Instrument> instruments)
    : config_(std::move(config)), clock_(clock), balances_(config_.starting_balances) {
  SIGTRADER_ASSERT(config_.validate().ok(), "SimExchange needs a valid config");
  books_.reserve(instruments.size());
  for (auto& instrument : instruments) {
    SIGTRADER_ASSERT(instrument.validate().ok(), "SimExchange needs valid instruments");
    SIGTRADER_ASSERT(!book_index_.count(instrument.symbol), "one instrument per symbol");
    book_index_.emplace(instrument.symbol, static_cast<std::uint32_t>(books_.size()));
    Book book;
    book.position = Position(instrument.symbol);
    book.leverage =
        is_perpetual(instrument) ? std::min(config_.default_leverage, instrument.max_leverage) : 1;
    book.instrument = std::move(instrument);
    books_.push_back(std::move(book));
  }
}

core::Result<std::vector<core::Instrument>> SimExchange::instruments() {
  std::vector<core::Instrument> out;
  out.reserve(books_.size());
  for (const Book& book : books_)
    out.push_back(book.instrument);
  return out;
}

Money SimExchange::balance(const std::string& asset) const {
  const auto found = balances_.find(asset);
  return found != balances_.end() ? found->second : Money::zero();
}

Money SimExchange::margin_held() const {
  Money total;
  for (const Book& book : books_)
    total += book.margin;
  return total;
}

Money SimExchange::held_by_orders(const std::string& asset) const {
  Money total;
  for (const Book& book : books_) {
    const core::Symbol& symbol = book.instrument.symbol;
    if (book.live_count == 0 || (symbol.quote != asset && symbol.base != asset)) continue;
    const bool perpetual = is_perpetual(book.instrument);
    for (const std::size_t index : book.live) {
      const SimOrder& sim = at(index);
      if (sim.order.is_terminal()) continue;
      const OrderRequest& request = sim.order.request();
      // Reduce-only orders only give back what the position holds: a stop and a target on the
      // same position must not lock it twice.
      if (request.reduce_only) continue;
      const Quantity remaining = sim.order.remaining_quantity();
      const bool buy = request.side == core::OrderSide::kBuy;
      if (request.quote_quantity && remaining.is_zero()) {
        // A quote order is sized when it fills; until then it holds what it may spend.
        if (symbol.quote == asset && (perpetual || buy)) total += *request.quote_quantity;
        continue;
      }
      if (!perpetual && !buy && symbol.base == asset) {
        total += Money(remaining.decimal());
        continue;
      }
      if (symbol.quote != asset || (!perpetual && !buy)) {
        continue;
      }
      const auto price = expected_price(request, book.mark);
      if (!price) continue;
      const Money notional = *price * remaining;
      total += fee_for(notional, config_.taker_fee_rate) +
               (perpetual ? margin_for(notional, book.leverage) : notional);
    }
  }
  return total;
}

std::optional<std::string> SimExchange::check_affordable(const Book& book,
                                                         const OrderRequest& request) const {
  const core::Symbol& symbol = book.instrument.symbol;
  const bool buy = request.side == core::OrderSide::kBuy;
  if (request.reduce_only) return std::nullopt;  // capped at the position when it fills
  if (request.quote_quantity) {
    if (!is_perpetual(book.instrument) && !buy) return std::nullopt;  // checked when it fills
    Money available = balance(symbol.quote) - held_by_orders(symbol.quote);
    if (is_perpetual(book.instrument)) available -= margin_held();
    if (*request.quote_quantity <= available) return std::nullopt;
    return fmt::format("insufficient balance: spending {} {} with {} available",
                       request.quote_quantity->to_string(), symbol.quote, available.to_string());
  }
  if (!is_perpetual(book.instrument) && !buy) {
    const Money available = balance(symbol.base) - held_by_orders(symbol.base);
    if (Money(request.quantity.decimal()) <= available) return std::nullopt;
    return fmt::format("insufficient balance: selling {} {} needs that much, {} available",
                       request.quantity.to_string(), symbol.base, available.to_string());
  }
  const auto price = expected_price(request, book.mark);
  if (!price) return std::nullopt;
  Money needed;
  if (is_perpetual(book.instrument)) {
    const Quantity opening = opening_part(book.position, request.side, request.quantity);
    if (opening.is_zero()) return std::nullopt;
    const Money notional = *price * opening;
    needed = margin_for(notional, book.leverage) + fee_for(notional, config_.taker_fee_rate);
  } else {
    const Money notional = *price * request.quantity;
    needed = notional + fee_for(notional, config_.taker_fee_rate);
  }
  Money available = balance(symbol.quote) - held_by_orders(symbol.quote);
  if (is_perpetual(book.instrument)) available -= margin_held();
  if (needed <= available) return std::nullopt;
  return fmt::format("insufficient balance: needs {} {} at {}, {} available", needed.to_string(),
                     symbol.quote, price->to_string(), available.to_string());
}

std::optional<std::string> SimExchange::check_reduce_only(const Book& book,
                                                          const OrderRequest& request) const {
  if (!request.reduce_only) return std::nullopt;
  const Position& position = book.position;
  const bool reduces = (request.side == core::OrderSide::kSell && position.is_long()) ||
                       (request.side == core::OrderSide::kBuy && position.is_short());
  if (!reduces) {
    return fmt::format("reduce-only {} would increase the position of {}",
                       core::to_string(request.side), position.quantity().to_string());
  }
  if (request.quantity > position.quantity().abs()) {
    return fmt::format("reduce-only {} of {} would flip the position of {}",
                       core::to_string(request.side), request.quantity.to_string(),
                       position.quantity().to_string());
  }
  return std::nullopt;
}

void SimExchange::emit(const ExecutionReport& report) {
  if (listener_ != nullptr) listener_->on_execution_report(report);
}

ExecutionReport SimExchange::report_for(const SimOrder& sim, ExecutionReport::Kind kind,
                                        core::Timestamp ts) const {
  ExecutionReport report;
  report.kind = kind;
  report.client_order_id = sim.order.client_order_id();
  report.venue_order_id = sim.order.venue_order_id();
  report.symbol = sim.order.request().symbol;
  report.side = sim.order.request().side;
  report.ts = ts;
  return report;
}

void SimExchange::close_order(SimOrder& sim, ExecutionReport::Kind kind, std::string reason,
                              core::Timestamp ts) {
  const bool was_live = !sim.order.is_terminal();
  core::Status status;
  if (kind == ExecutionReport::Kind::kCanceled) status = sim.order.cancel(reason, ts);
  if (kind == ExecutionReport::Kind::kExpired) status = sim.order.expire(ts, reason);
  if (kind == ExecutionReport::Kind::kRejected) status = sim.order.reject(reason, ts);
  SIGTRADER_ASSERT(status.ok(), "a simulated order closed from a state that allows it");
  if (was_live && sim.order.status() != core::OrderStatus::kRejected) {
    --books_[sim.book].live_count;
  }
  ExecutionReport report = report_for(sim, kind, ts);
  report.reason = std::move(reason);
  emit(report);
}

core::Status SimExchange::refuse(const OrderRequest& request, std::string reason) {
  const core::Timestamp now = this->now();
  orders_.emplace_back(Order(request, now), book_index_.at(request.symbol));
  order_index_.emplace(request.client_order_id, first_index_ + orders_.size() - 1);
  SimOrder& sim = orders_.back();
  close_order(sim, ExecutionReport::Kind::kRejected, std::move(reason), now);
  return {};
}

core::Status SimExchange::place_order(const OrderRequest& request) {
  SIGTRADER_RETURN_IF_ERROR(request.validate());
  if (order_index_.count(request.client_order_id)) {
    return core::Error(
        core::ErrorCode::kAlreadyExists,
        fmt::format("sim: client order id '{}' is already known", request.client_order_id.str()));
  }
  const auto found = book_index_.find(request.symbol);
  if (found == book_index_.end()) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("sim: no instrument {}", request.symbol.to_string()));
  }
  Book& book = books_[found->second];
  const std::optional<Price> filter_price =
      request.price ? request.price : (request.trigger_price ? request.trigger_price : book.mark);
  // A market order is checked against the mark only for the notional; the mark need not be a
  // multiple of the tick.
  if (request.quote_quantity) {
    // Its quantity is set at the fill price; only the amount can be checked now.
    if (*request.quote_quantity < book.instrument.min_notional) {
      return refuse(request, fmt::format("quote quantity {} is below the minimum notional {}",
                                         request.quote_quantity->to_string(),
                                         book.instrument.min_notional.to_string()));
    }
  } else {
    auto filters = book.instrument.validate_order(
        request.side, request.quantity,
        request.price || request.trigger_price ? filter_price : std::nullopt, 1);
    if (!filters.ok()) return refuse(request, filters.error().message());
  }
  if (request.time_in_force == core::TimeInForce::kPostOnly && request.type != OrderType::kLimit) {
    return refuse(request, "post-only needs a limit order");
  }
  if (auto reason = check_reduce_only(book, request)) return refuse(request, std::move(*reason));
  if (auto reason = check_affordable(book, request)) return refuse(request, std::move(*reason));

  const core::Timestamp now = this->now();
  orders_.emplace_back(Order(request, now), found->second);
  const std::size_t index = first_index_ + orders_.size() - 1;
  order_index_.emplace(request.client_order_id, index);
  SimOrder& sim = orders_.back();
  sim.live_at = now + config_.latency;
  const auto accepted =
      sim.order.accept(core::VenueOrderId(fmt::format("sim-{}", next_venue_order_++)), now);
  SIGTRADER_ASSERT(accepted.ok(), "a new order can be accepted");
  book.live.push_back(index);
  ++book.live_count;
  emit(report_for(sim, ExecutionReport::Kind::kAccepted, now));
  return {};
}

core::Result<std::size_t> SimExchange::find(const core::Symbol& symbol,
                                            const core::ClientOrderId& id) const {
  const auto found = order_index_.find(id);
  if (found == order_index_.end() || at(found->second).order.request().symbol != symbol) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("sim: no order '{}' for {}", id.str(), symbol.to_string()));
  }
  return found->second;
}

core::Status SimExchange::cancel_order(const core::Symbol& symbol, const core::ClientOrderId& id) {
  SIGTRADER_TRY(const std::size_t index, find(symbol, id));
  SimOrder& sim = at(index);
  if (sim.order.is_terminal()) {
    // ErrorCode has no kFailedPrecondition; a refusal by a rule is kRejected.
    return core::Error(core::ErrorCode::kRejected,
                       fmt::format("sim: order '{}' is already {}", id.str(),
                                   core::to_string(sim.order.status())));
  }
  close_order(sim, ExecutionReport::Kind::kCanceled, "canceled on request", now());
  return {};
}

core::Result<Order> SimExchange::query_order(const core::Symbol& symbol,
                                             const core::ClientOrderId& id) {
  SIGTRADER_TRY(const std::size_t index, find(symbol, id));
  return at(index).order;
}

core::Result<std::vector<Order>> SimExchange::open_orders(
    const std::optional<core::Symbol>& symbol) {
  std::vector<Order> out;
  for (const SimOrder& sim : orders_) {
    if (sim.order.is_terminal()) continue;
    if (symbol && sim.order.request().symbol != *symbol) continue;
    out.push_back(sim.order);
  }
  return out;
}

core::Result<std::vector<Balance>> SimExchange::balances() {
  std::vector<Balance> out;
  for (const auto& [asset, total] : balances_) {
    Money available = total - held_by_orders(asset);
    if (asset == config_.quote_asset) available -= margin_held();
    out.push_back(Balance{asset, total, available});
  }
  return out;
}

core::Result<std::vector<VenuePosition>> SimExchange::positions() {
  std::vector<VenuePosition> out;
  for (const Book& book : books_) {
    if (book.position.is_flat()) continue;
    out.push_back(VenuePosition{book.instrument.symbol, book.position.quantity(),
                                book.position.average_entry(), book.leverage, book.margin,
                                book.liquidation});
  }
  return out;
}

core::Status SimExchange::set_leverage(const core::Symbol& symbol, int leverage) {
  SIGTRADER_TRY(const SymbolHandle slot, handle(symbol));
  Book& book = books_[slot.index];
  if (!is_perpetual(book.instrument)) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("sim: {} is spot; leverage is for perpetuals", symbol.to_string()));
  }
  if (leverage < 1 || leverage > book.instrument.max_leverage) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("sim: leverage {}x for {} is outside 1x..{}x", leverage,
                                   symbol.to_string(), book.instrument.max_leverage));
  }
  // Changing it under an open position would change its margin and liquidation price mid-trade.
  if (!book.position.is_flat()) {
    return core::Error(core::ErrorCode::kRejected,
                       fmt::format("sim: cannot change the leverage of {} with a position open",
                                   symbol.to_string()));
  }
  book.leverage = leverage;
  return {};
}

core::Result<SymbolHandle> SimExchange::handle(const core::Symbol& symbol) const {
  const auto found = book_index_.find(symbol);
  if (found == book_index_.end()) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("sim: no instrument {}", symbol.to_string()));
  }
  return SymbolHandle{found->second};
}

std::optional<Price> SimExchange::mark(const core::Symbol& symbol) const {
  const auto found = book_index_.find(symbol);
  if (found == book_index_.end()) return std::nullopt;
  return books_[found->second].mark;
}

core::Status SimExchange::on_candle(SymbolHandle symbol, const market::Candle& candle,
                                    core::Duration timeframe) {
  if (symbol.index >= books_.size()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("sim: no symbol handle {}", symbol.index));
  }
  if (candle.close_time(timeframe) > clock_.now()) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("sim: the candle of {} closing at {} is in the future at {} (lookahead)",
                    books_[symbol.index].instrument.symbol.to_string(),
                    candle.close_time(timeframe).to_iso8601(), clock_.now().to_iso8601()));
  }
  Book& book = books_[symbol.index];
  if (candle.open_time < book.last_close) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("sim: the candle of {} opening at {} is before the previous close {}",
                    book.instrument.symbol.to_string(), candle.open_time.to_iso8601(),
                    book.last_close.to_iso8601()));
  }
  book.last_close = candle.close_time(timeframe);
  // Nothing can happen without live orders or a position that can be liquidated.
  if (book.live_count == 0 && !book.liquidation) {
    book.mark = candle.close;
    book.live.clear();  // only canceled orders are left in it
    return {};
  }
  return match_candle(book, candle, timeframe);
}

core::Status SimExchange::on_candle(const core::Symbol& symbol, const market::Candle& candle,
                                    core::Duration timeframe) {
  SIGTRADER_TRY(const SymbolHandle slot, handle(symbol));
  return on_candle(slot, candle, timeframe);
}

core::Status SimExchange::on_funding_rate(const core::Symbol& symbol, core::Timestamp ts,
                                          core::Decimal rate) {
  SIGTRADER_TRY(const SymbolHandle slot, handle(symbol));
  Book& book = books_[slot.index];
  if (!is_perpetual(book.instrument)) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("sim: funding for spot {}", symbol.to_string()));
  }
  if (book.position.is_flat() || !book.mark) return {};
  const Money amount = funding_amount(book.position.quantity(), *book.mark, rate);
  balances_[config_.quote_asset] = balance(config_.quote_asset) + amount;
  if (listener_ != nullptr) {
    listener_->on_funding(FundingPayment{symbol, ts, rate, *book.mark, amount});
  }
  return {};
}

}  // namespace sigtrader::execution
