// SimExchange's ledger: how fills, liquidations and funding move balances, margin and positions.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "execution/sim_exchange.hpp"
#include "execution/sim_pricing.hpp"

namespace sigtrader::execution {
namespace {

using core::Money;
using core::OrderSide;
using core::Price;
using core::Quantity;

bool reduces(const Position& position, OrderSide side) {
  return (side == OrderSide::kSell && position.is_long()) ||
         (side == OrderSide::kBuy && position.is_short());
}

Money as_money(Quantity quantity) {
  return Money(quantity.decimal());
}

}  // namespace

bool SimExchange::fill(Book& book, SimOrder& sim, Price price, Quantity quantity, bool maker,
                       Price reference, core::Timestamp ts) {
  const OrderRequest& request = sim.order.request();
  Quantity traded = quantity;
  if (request.reduce_only) {
    if (!reduces(book.position, request.side)) {
      close_order(sim, ExecutionReport::Kind::kCanceled, "reduce-only: no position left to reduce",
                  ts);
      return false;
    }
    traded = std::min(traded, book.position.quantity().abs());
  }
  const Money fee =
      fee_for(price * traded, maker ? config_.maker_fee_rate : config_.taker_fee_rate);
  if (auto problem = settle(book, request.side, price, traded, fee)) {
    close_order(sim, ExecutionReport::Kind::kCanceled, std::move(*problem), ts);
    return false;
  }
  const auto applied = sim.order.apply_fill(price, traded, fee, ts);
  SIGTRADER_ASSERT(applied.ok(), "a simulated fill fits the order");
  if (sim.budget_candle == candle_counter_) {
    sim.budget = traded >= sim.budget ? Quantity::zero() : sim.budget - traded;
  }
  if (sim.order.is_terminal()) --book.live_count;

  ExecutionReport report = report_for(sim, ExecutionReport::Kind::kFill, ts);
  report.trade_id = core::TradeId(fmt::format("sim-t{}", next_trade_++));
  report.price = price;
  report.quantity = traded;
  report.fee = fee;
  report.maker = maker;
  report.slippage = (price - reference).abs() * traded;
  emit(report);
  after_position_change(book, ts);
  return true;
}

std::optional<std::string> SimExchange::settle(Book& book, OrderSide side, Price price,
                                               Quantity quantity, Money fee) {
  const core::Symbol& symbol = book.instrument.symbol;
  const bool buy = side == OrderSide::kBuy;
  const Money notional = price * quantity;
  Position next = book.position;
  const auto moved = next.apply_fill(side, price, quantity, fee);
  SIGTRADER_ASSERT(moved.ok(), "a simulated fill fits the position");

  if (book.instrument.kind == core::InstrumentKind::kSpot) {
    const Money quote = balance(symbol.quote);
    const Money base = balance(symbol.base);
    if (buy && quote < notional + fee) {
      return fmt::format("insufficient balance: buying {} at {} needs {} {}, {} held",
                         quantity.to_string(), price.to_string(), (notional + fee).to_string(),
                         symbol.quote, quote.to_string());
    }
    if (!buy && base < as_money(quantity)) {
      return fmt::format("insufficient balance: selling {} {} with {} held", quantity.to_string(),
                         symbol.base, base.to_string());
    }
    balances_[symbol.quote] = buy ? quote - notional - fee : quote + notional - fee;
    balances_[symbol.base] = buy ? base + as_money(quantity) : base - as_money(quantity);
    book.position = std::move(next);
    return std::nullopt;
  }

  // Perpetual: no notional changes hands; the wallet takes realized PnL and fees, and isolated
  // margin moves with the open quantity.
  const Quantity open = book.position.quantity().abs();
  const Quantity closed =
      reduces(book.position, side) ? std::min(quantity, open) : Quantity::zero();
  const Quantity opening = quantity - closed;
  Money released;
  if (closed == open && closed.is_positive()) {
    released = book.margin;
  } else if (closed.is_positive()) {
    const auto share = core::checked_div((book.margin.decimal() * closed.decimal()), open.decimal(),
                                         kSimMoneyScale, core::Rounding::kHalfEven);
    SIGTRADER_ASSERT(share.ok(), "released margin in range");
    released = Money(*share);
  }
  const Money added = opening.is_positive() ? margin_for(price * opening, book.leverage) : Money();
  const Money realized = next.realized_pnl() - book.position.realized_pnl();
  const Money wallet = balance(symbol.quote) + realized - fee;
  const Money margins = margin_held() - released + added;
  if (opening.is_positive() && wallet < margins) {
    return fmt::format(
        "insufficient balance: opening {} {} at {} needs margin {} and fee {}, {} {} available",
        opening.to_string(), symbol.to_string(), price.to_string(), added.to_string(),
        fee.to_string(), (balance(symbol.quote) - margin_held() + released + realized).to_string(),
        symbol.quote);
  }
  balances_[symbol.quote] = wallet;
  book.margin = book.margin - released + added;
  book.position = std::move(next);
  return std::nullopt;
}

void SimExchange::liquidate(Book& book, core::Timestamp ts) {
  SIGTRADER_ASSERT(book.liquidation && !book.position.is_flat(), "liquidating an open position");
  const Price price = *book.liquidation;
  const Quantity quantity = book.position.quantity().abs();
  const OrderSide side = book.position.is_long() ? OrderSide::kSell : OrderSide::kBuy;
  const Price entry = book.position.average_entry();
  const Money margin = book.margin;

  Position closed = book.position;
  SIGTRADER_ASSERT(closed.apply_fill(side, price, quantity, Money()).ok(), "liquidation fill");
  const Money realized = closed.realized_pnl() - book.position.realized_pnl();
  // The venue keeps what the loss left of the margin: the account loses exactly its margin.
  const Money left = margin + realized;
  const Money fee = left.is_positive() ? left : Money::zero();
  Position after = book.position;
  SIGTRADER_ASSERT(after.apply_fill(side, price, quantity, fee).ok(), "liquidation fill");
  balances_[book.instrument.symbol.quote] = balance(book.instrument.symbol.quote) + realized - fee;
  book.margin = Money::zero();
  book.position = std::move(after);

  // The venue's own order, kept so query_order() can show it.
  OrderRequest request;
  request.client_order_id =
      core::ClientOrderId(fmt::format("{}-{}", config_.liquidation_id_prefix, next_liquidation_++));
  request.symbol = book.instrument.symbol;
  request.side = side;
  request.type = core::OrderType::kMarket;
  request.quantity = quantity;
  request.reduce_only = true;
  orders_.emplace_back(Order(request, ts), static_cast<std::uint32_t>(&book - books_.data()));
  order_index_.emplace(request.client_order_id, first_index_ + orders_.size() - 1);
  SimOrder& sim = orders_.back();
  SIGTRADER_ASSERT(
      sim.order.accept(core::VenueOrderId(fmt::format("sim-{}", next_venue_order_++)), ts).ok(),
      "liquidation order accepted");
  SIGTRADER_ASSERT(sim.order.apply_fill(price, quantity, fee, ts).ok(), "liquidation order filled");

  ExecutionReport report = report_for(sim, ExecutionReport::Kind::kLiquidation, ts);
  report.trade_id = core::TradeId(fmt::format("sim-t{}", next_trade_++));
  report.price = price;
  report.quantity = quantity;
  report.fee = fee;
  report.reason =
      fmt::format("liquidated at {}: entry {}, {}x isolated, margin {} lost", price.to_string(),
                  entry.to_string(), book.leverage, margin.to_string());
  emit(report);
  after_position_change(book, ts);
}

void SimExchange::after_position_change(Book& book, core::Timestamp ts) {
  if (book.instrument.kind == core::InstrumentKind::kPerpetual) {
    if (book.position.is_flat()) {
      book.liquidation.reset();
    } else {
      book.liquidation = liquidation_price(
          book.position.is_long() ? core::PositionSide::kLong : core::PositionSide::kShort,
          book.position.average_entry(), book.leverage, config_.maintenance_margin_rate,
          book.instrument.tick_size);
    }
  }
  if (!book.position.is_flat()) return;
  // Index loop: a listener may place orders (appending to `live`) while we emit.
  for (std::size_t i = 0; i < book.live.size(); ++i) {
    SimOrder& sim = at(book.live[i]);
    if (sim.order.is_terminal() || !sim.order.request().reduce_only) continue;
    close_order(sim, ExecutionReport::Kind::kCanceled, "reduce-only: the position is closed", ts);
  }
}

}  // namespace sigtrader::execution
