// The path walk of SimExchange: which order meets which price, in which order (see the class
// comment in sim_exchange.hpp and README "Simulated exchange").
#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "execution/sim_exchange.hpp"
#include "execution/sim_pricing.hpp"

namespace sigtrader::execution {
namespace {

using core::OrderSide;
using core::OrderType;
using core::Price;
using core::Quantity;

enum class Direction { kAtOrBelow, kAtOrAbove };

bool holds(Direction direction, Price price, Price level) {
  return direction == Direction::kAtOrBelow ? price <= level : price >= level;
}

// Where, moving linearly from `cursor` to `to`, the condition "price <direction> level" first
// holds: at the cursor if it already does, at the level if the move reaches it, else nowhere.
std::optional<Price> reach(Direction direction, Price level, Price cursor, Price to) {
  if (holds(direction, cursor, level)) return cursor;
  if (holds(direction, to, level)) return level;
  return std::nullopt;
}

Direction limit_direction(OrderSide side) {
  return side == OrderSide::kBuy ? Direction::kAtOrBelow : Direction::kAtOrAbove;
}

bool is_conditional(OrderType type) {
  return type == OrderType::kStopMarket || type == OrderType::kStopLimit ||
         type == OrderType::kTakeProfitMarket || type == OrderType::kTakeProfitLimit;
}

bool is_market_kind(OrderType type) {
  return type == OrderType::kMarket || type == OrderType::kStopMarket ||
         type == OrderType::kTakeProfitMarket;
}

// Stops fire when the price moves against the position they protect (a buy stop above, a sell
// stop below); take-profits when it moves in its favour.
Direction trigger_direction(OrderType type, OrderSide side) {
  const bool stop = type == OrderType::kStopMarket || type == OrderType::kStopLimit;
  const bool above = stop ? side == OrderSide::kBuy : side == OrderSide::kSell;
  return above ? Direction::kAtOrAbove : Direction::kAtOrBelow;
}

// The price an active order waits for and from which side: its trigger until it has fired, then
// its limit price; none for a market kind (which fills at once).
struct WaitingLevel {
  Price price;
  Direction direction;
  bool trigger = false;
};
std::optional<WaitingLevel> waiting_level(const OrderRequest& request, bool triggered) {
  if (is_conditional(request.type) && !triggered) {
    return WaitingLevel{*request.trigger_price, trigger_direction(request.type, request.side),
                        true};
  }
  if (!request.price) return std::nullopt;
  return WaitingLevel{*request.price, limit_direction(request.side), false};
}

// The instant the linear move from `from` to `to` passes `price`. Only the timestamp of a report
// depends on this, so a double fraction is fine here.
core::Timestamp time_at(PathPoint from, PathPoint to, Price price) {
  if (from.price == to.price || from.ts == to.ts) return from.ts;
  const double fraction = (price.to_double() - from.price.to_double()) /
                          (to.price.to_double() - from.price.to_double());
  const double span = static_cast<double>((to.ts - from.ts).count_ns());
  const auto offset =
      static_cast<std::int64_t>(std::llround(std::clamp(fraction, 0.0, 1.0) * span));
  return from.ts + core::Duration::nanoseconds(offset);
}

}  // namespace

Quantity SimExchange::quote_order_quantity(const Book& book, core::Money amount,
                                           Price price) const {
  // Spot: p × q × (1 + taker) ≤ amount. Perpetual: the margin p × q / L plus the taker fee
  // p × q × taker ≤ amount. Rounded down to the step so it never spends more.
  const core::Decimal one = core::Decimal::from_int(1);
  core::Decimal per_unit;
  if (book.instrument.kind == core::InstrumentKind::kPerpetual) {
    const auto inverse = core::checked_div(one, core::Decimal::from_int(book.leverage),
                                           core::Decimal::kMaxScale - 2, core::Rounding::kUp);
    SIGTRADER_ASSERT(inverse.ok(), "1 / leverage");
    per_unit = price.decimal() * (*inverse + config_.taker_fee_rate);
  } else {
    per_unit = price.decimal() * (one + config_.taker_fee_rate);
  }
  const auto raw =
      core::checked_div(amount.decimal(), per_unit,
                        std::min(core::Decimal::kMaxScale, book.instrument.step_size.scale() + 2),
                        core::Rounding::kDown);
  if (!raw) return Quantity::zero();
  const auto rounded = Quantity(*raw).round_to(book.instrument.step_size, core::Rounding::kDown);
  return rounded.ok() && rounded->is_positive() ? *rounded : Quantity::zero();
}

Quantity SimExchange::limit_capacity(SimOrder& sim) {
  const Quantity remaining = sim.order.remaining_quantity();
  if (!config_.partial_fills) return remaining;
  if (sim.budget_candle != candle_counter_) {
    sim.budget_candle = candle_counter_;
    sim.budget = candle_capacity_;
  }
  return std::min(remaining, sim.budget);
}

bool SimExchange::is_quiet(const Book& book, const market::Candle& candle,
                           core::Timestamp close) const {
  Price low = candle.low;
  Price high = candle.high;
  if (book.mark) {
    low = std::min(low, *book.mark);
    high = std::max(high, *book.mark);
  }
  if (book.liquidation &&
      (book.position.is_long() ? low <= *book.liquidation : high >= *book.liquidation)) {
    return false;
  }
  for (const std::size_t index : book.live) {
    const SimOrder& sim = at(index);
    if (sim.order.is_terminal()) continue;
    if (!sim.active) {
      if (sim.live_at <= close) return false;
      continue;
    }
    const auto level = waiting_level(sim.order.request(), sim.triggered);
    if (!level) return false;
    if (level->direction == Direction::kAtOrBelow ? low <= level->price : high >= level->price) {
      return false;
    }
  }
  return true;
}

core::Status SimExchange::match_candle(Book& book, const market::Candle& candle,
                                       core::Duration timeframe) {
  // Resting stops and targets far from the price are the common case while a position is open.
  if (is_quiet(book, candle, candle.close_time(timeframe))) {
    book.mark = candle.close;
    return {};
  }
  ++candle_counter_;
  if (config_.partial_fills) {
    const Quantity share(candle.volume.decimal() * config_.max_volume_fraction);
    auto rounded = share.round_to(book.instrument.step_size, core::Rounding::kDown);
    if (!rounded) return rounded.error();
    candle_capacity_ = rounded->is_negative() ? Quantity::zero() : *rounded;
  }
  // Orders placed from listener callbacks during the walk (an entry's stop, the next rung) are
  // live from the path point that caused them plus the latency, and join the rest of the path.
  const auto path = intrabar_path(candle, timeframe);
  // From the last mark to the open is a jump, not a move: whatever it crossed happens at the open.
  walk(book, path[0], path[0]);
  activate(book, path[0]);
  for (std::size_t k = 1; k < path.size(); ++k) {
    walk(book, path[k - 1], path[k]);
    activate(book, path[k]);
  }
  walk_time_.reset();
  book.mark = candle.close;
  std::erase_if(book.live, [this](std::size_t index) { return at(index).order.is_terminal(); });
  forget_old_orders();
  return {};
}

void SimExchange::forget_old_orders() {
  const auto is_listed = [this](std::size_t index) {
    for (const Book& book : books_) {
      if (std::find(book.live.begin(), book.live.end(), index) != book.live.end()) return true;
    }
    return false;
  };
  while (orders_.size() > kRetainedOrders && orders_.front().order.is_terminal() &&
         !is_listed(first_index_)) {
    order_index_.erase(orders_.front().order.client_order_id());
    orders_.pop_front();
    ++first_index_;
  }
}

void SimExchange::walk(Book& book, PathPoint from, PathPoint to) {
  Price cursor = from.price;
  for (;;) {
    std::optional<Price> best;
    std::size_t best_order = 0;
    bool best_is_liquidation = false;
    core::Decimal best_distance;
    if (book.liquidation) {
      const Direction direction =
          book.position.is_long() ? Direction::kAtOrBelow : Direction::kAtOrAbove;
      if (auto at = reach(direction, *book.liquidation, cursor, to.price)) {
        best = at;
        best_is_liquidation = true;
        best_distance = (*at - cursor).abs().decimal();
      }
    }
    for (std::size_t i = 0; i < book.live.size(); ++i) {
      SimOrder& sim = at(book.live[i]);
      if (!sim.active || sim.order.is_terminal()) continue;
      // A triggered market kind has filled or been canceled; only limit prices rest.
      const auto level = waiting_level(sim.order.request(), sim.triggered);
      if (!level || (!level->trigger && limit_capacity(sim).is_zero())) continue;
      const auto at = reach(level->direction, level->price, cursor, to.price);
      if (!at) continue;
      const core::Decimal distance = (*at - cursor).abs().decimal();
      // Strictly nearer only: at equal distance the liquidation, then the earlier order, wins.
      if (best && distance >= best_distance) continue;
      best = at;
      best_order = i;
      best_is_liquidation = false;
      best_distance = distance;
    }
    if (!best) return;

    const PathPoint event{time_at(from, to, *best), *best};
    cursor = *best;
    walk_time_ = event.ts;
    if (best_is_liquidation) {
      liquidate(book, event.ts);
    } else {
      SimOrder& sim = at(book.live[best_order]);
      if (is_conditional(sim.order.request().type) && !sim.triggered) {
        trigger(book, sim, event);
      } else {
        const Price limit = *sim.order.request().price;
        fill(book, sim, limit, limit_capacity(sim), true, limit, event.ts);
      }
    }
    // What the event's callbacks placed takes part from here on.
    activate(book, event);
  }
}

void SimExchange::activate(Book& book, PathPoint point) {
  book.mark = point.price;
  walk_time_ = point.ts;
  // By index: entering an order can fill it, and the callbacks can append to book.live.
  for (std::size_t i = 0; i < book.live.size(); ++i) {
    SimOrder& sim = at(book.live[i]);
    if (sim.active || sim.order.is_terminal() || sim.live_at > point.ts) continue;
    sim.active = true;
    enter(book, sim, point);
  }
}

void SimExchange::enter(Book& book, SimOrder& sim, PathPoint point) {
  const OrderRequest& request = sim.order.request();
  if (is_conditional(request.type)) {
    if (holds(trigger_direction(request.type, request.side), point.price, *request.trigger_price)) {
      trigger(book, sim, point);
    }
    return;
  }
  if (request.type == OrderType::kMarket) {
    const Price price =
        slipped_price(point.price, request.side, config_.slippage_bps, book.instrument.tick_size);
    Quantity quantity = sim.order.remaining_quantity();
    if (request.quote_quantity && quantity.is_zero()) {
      quantity = quote_order_quantity(book, *request.quote_quantity, price);
      if (quantity.is_zero() || quantity < book.instrument.min_qty) {
        close_order(sim, ExecutionReport::Kind::kCanceled,
                    fmt::format("quote quantity {} buys {} at {}, below the minimum quantity {}",
                                request.quote_quantity->to_string(), quantity.to_string(),
                                price.to_string(), book.instrument.min_qty.to_string()),
                    point.ts);
        return;
      }
    }
    fill(book, sim, price, quantity, false, point.price, point.ts);
    return;
  }
  cross_as_limit(book, sim, point);
}

void SimExchange::trigger(Book& book, SimOrder& sim, PathPoint point) {
  sim.triggered = true;
  const OrderRequest& request = sim.order.request();
  if (is_market_kind(request.type)) {
    const Price price =
        slipped_price(point.price, request.side, config_.slippage_bps, book.instrument.tick_size);
    fill(book, sim, price, sim.order.remaining_quantity(), false, point.price, point.ts);
    return;
  }
  cross_as_limit(book, sim, point);
}

void SimExchange::cross_as_limit(Book& book, SimOrder& sim, PathPoint point) {
  const OrderRequest& request = sim.order.request();
  const core::TimeInForce tif = request.time_in_force;
  const Price limit = *request.price;
  const bool crosses = holds(limit_direction(request.side), point.price, limit);
  if (!crosses) {
    if (tif == core::TimeInForce::kIoc) {
      close_order(sim, ExecutionReport::Kind::kCanceled,
                  fmt::format("immediate-or-cancel: limit {} not reachable at {}",
                              limit.to_string(), point.price.to_string()),
                  point.ts);
    } else if (tif == core::TimeInForce::kFok) {
      close_order(sim, ExecutionReport::Kind::kExpired,
                  fmt::format("fill-or-kill: limit {} not reachable at {}", limit.to_string(),
                              point.price.to_string()),
                  point.ts);
    }
    return;  // rests
  }
  if (tif == core::TimeInForce::kPostOnly) {
    close_order(sim, ExecutionReport::Kind::kExpired,
                fmt::format("post-only: limit {} would take liquidity at {}", limit.to_string(),
                            point.price.to_string()),
                point.ts);
    return;
  }
  const Quantity remaining = sim.order.remaining_quantity();
  const Quantity available = limit_capacity(sim);
  if (tif == core::TimeInForce::kFok && available < remaining) {
    close_order(sim, ExecutionReport::Kind::kExpired,
                fmt::format("fill-or-kill: only {} of {} could fill at {}", available.to_string(),
                            remaining.to_string(), point.price.to_string()),
                point.ts);
    return;
  }
  if (available.is_positive() &&
      !fill(book, sim, point.price, available, false, point.price, point.ts)) {
    return;
  }
  if (tif == core::TimeInForce::kIoc && !sim.order.is_terminal()) {
    close_order(sim, ExecutionReport::Kind::kCanceled,
                fmt::format("immediate-or-cancel: {} unfilled at {}",
                            sim.order.remaining_quantity().to_string(), point.price.to_string()),
                point.ts);
  }
}

}  // namespace sigtrader::execution
