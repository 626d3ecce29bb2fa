// The signal follower's exits: the protective stop, the take-profit ladder, how the stop trails
// a winning position or waits out a stop timeout, and a person's close at market.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "strategy/signal_follower.hpp"

namespace sigtrader::strategy {
using core::Decimal;

void SignalFollower::place_stop(StrategyContext& context, const SignalKey& key,
                                Followed& followed) {
  if (followed.stop && followed.stop->live) (void)context.cancel(followed.stop->id);
  followed.stop.reset();
  const core::Quantity quantity = open_quantity(context, followed.market);
  if (!followed.stop_price || !quantity.is_positive()) return;
  // With a stop timeout the stop is watched on closes instead (manage_open).
  if (followed.config->stop_timeout) return;
  execution::OrderRequest request;
  request.symbol = context.markets()[followed.market].instrument.symbol;
  request.side = core::opposite(core::entry_side(followed.side));
  request.type = core::OrderType::kStopMarket;
  request.quantity = quantity;
  request.trigger_price = *followed.stop_price;
  request.reduce_only = true;
  if (auto id = send(context, key, followed, std::move(request), Role::kStop, 0)) {
    followed.stop = TrackedOrder{*id, quantity, {}, true};
  }
}

void SignalFollower::tighten_stop(StrategyContext& context, const SignalKey& key,
                                  Followed& followed, core::Price price) {
  const bool is_long = followed.side == core::PositionSide::kLong;
  if (followed.stop_price &&
      (is_long ? price <= *followed.stop_price : price >= *followed.stop_price)) {
    return;
  }
  followed.stop_price = price;
  place_stop(context, key, followed);
}

void SignalFollower::manage_open(StrategyContext& context, const SignalKey& key, Followed& followed,
                                 const market::Candle& candle) {
  const bool is_long = followed.side == core::PositionSide::kLong;
  const core::Instrument& instrument = context.markets()[followed.market].instrument;
  const SignalFollowerConfig& config = *followed.config;
  if (config.trailing == Trailing::kPercent &&
      followed.take_profits_filled >= config.trail_after_tp) {
    if (!followed.best_close ||
        (is_long ? candle.close > *followed.best_close : candle.close < *followed.best_close)) {
      followed.best_close = candle.close;
    }
    const Decimal hundred = Decimal::from_int(100);
    const Decimal factor = is_long ? hundred - config.trail_pct : hundred + config.trail_pct;
    auto level = core::checked_div(followed.best_close->decimal() * factor, hundred, kFractionScale,
                                   core::Rounding::kHalfEven);
    // The stop rounds toward the position's side of the price: never tighter than asked.
    auto rounded = level
                       ? instrument.round_price(core::Price(*level), is_long ? core::Rounding::kDown
                                                                             : core::Rounding::kUp)
                       : core::Result<core::Price>(level.error());
    if (rounded) tighten_stop(context, key, followed, *rounded);
  }
  if (!config.stop_timeout || !followed.stop_price) return;
  const bool beyond =
      is_long ? candle.close <= *followed.stop_price : candle.close >= *followed.stop_price;
  if (!beyond) {
    followed.beyond_stop_since.reset();
    return;
  }
  if (!followed.beyond_stop_since) {
    followed.beyond_stop_since = context.now();
    (void)context.set_timer(context.now() + *config.stop_timeout, std::string(kStopTimeoutTag));
  }
}

void SignalFollower::close_by_stop(StrategyContext& context, const SignalKey& key,
                                   Followed& followed) {
  cancel_exits(context, followed);
  auto id = context.exit(followed.market, "stop_timeout");
  if (!id) {
    note(context, followed.signal,
         fmt::format("stop timeout close refused: {}", id.error().message()));
    return;
  }
  followed.closing_by_stop = true;
  outcomes_[followed.outcome].reasons.push_back(
      fmt::format("closed at market: the price stayed beyond the stop {} for the stop timeout",
                  followed.stop_price->to_string()));
  if (!id->empty()) orders_[*id] = OrderRef{key, Role::kClose, 0};
}

core::Result<core::ClientOrderId> SignalFollower::close_position(StrategyContext& context,
                                                                 std::size_t market,
                                                                 std::string_view reason) {
  // The signal that opened the position, if one did: its exits go first so that none of them
  // fills against the close, and the close's fill ends its outcome like its own exits would.
  const auto owner = std::find_if(followed_.begin(), followed_.end(), [&](const auto& item) {
    return !item.second.done && item.second.market == market;
  });
  if (owner != followed_.end()) {
    cancel_entries(context, owner->second);
    cancel_exits(context, owner->second);
  }
  SIGTRADER_TRY(const core::ClientOrderId id, context.exit(market, reason));
  if (owner != followed_.end() && !id.empty()) {
    orders_[id] = OrderRef{owner->first, Role::kClose, 0};
    outcomes_[owner->second.outcome].reasons.push_back(
        fmt::format("closed at market on request ({})", reason));
  }
  return id;
}

void SignalFollower::place_exits(StrategyContext& context, const SignalKey& key,
                                 Followed& followed) {
  place_stop(context, key, followed);
  const std::vector<core::Price>& targets = followed.targets;
  const std::vector<Decimal> fractions = ladder_fractions(*followed.config, targets.size());
  followed.take_profits.resize(fractions.size());
  // Rungs already filled stay done; the others share the open position by their fractions.
  Decimal remaining_sum;
  std::size_t last_open_rung = fractions.size();
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    TrackedOrder& rung = followed.take_profits[i];
    if (rung.live && !rung.id.empty()) (void)context.cancel(rung.id);
    const bool hit = !rung.id.empty() && rung.filled >= rung.quantity;
    rung.live = false;
    if (hit) continue;
    rung = TrackedOrder{};
    rung.live = false;
    remaining_sum += fractions[i];
    last_open_rung = i;
  }
  const core::Quantity total = open_quantity(context, followed.market);
  if (!total.is_positive() || remaining_sum.is_zero()) return;
  const core::Instrument& instrument = context.markets()[followed.market].instrument;
  core::Quantity placed;
  for (std::size_t i = 0; i < fractions.size(); ++i) {
    TrackedOrder& rung = followed.take_profits[i];
    if (!rung.id.empty()) continue;  // already hit
    core::Quantity quantity;
    if (i == last_open_rung) {
      quantity = total - placed;  // the last rung takes what rounding left
    } else {
      auto share = core::checked_div(total.decimal() * fractions[i], remaining_sum, kFractionScale,
                                     core::Rounding::kDown);
      if (!share) continue;
      auto rounded = instrument.round_quantity(core::Quantity(*share));
      if (!rounded) continue;
      quantity = *rounded;
    }
    if (!quantity.is_positive()) continue;
    execution::OrderRequest request;
    request.symbol = instrument.symbol;
    request.side = core::opposite(core::entry_side(followed.side));
    request.type = core::OrderType::kTakeProfitMarket;
    request.quantity = quantity;
    request.trigger_price = targets[i];
    request.reduce_only = true;
    if (auto id = send(context, key, followed, std::move(request), Role::kTakeProfit, i)) {
      rung = TrackedOrder{*id, quantity, {}, true};
      placed += quantity;
    }
  }
}

void SignalFollower::cancel_exits(StrategyContext& context, Followed& followed) {
  if (followed.stop && followed.stop->live) {
    (void)context.cancel(followed.stop->id);
    followed.stop->live = false;
  }
  for (TrackedOrder& rung : followed.take_profits) {
    if (!rung.live) continue;
    (void)context.cancel(rung.id);
    rung.live = false;
  }
}

}  // namespace sigtrader::strategy
