#include "strategy/signal_follower.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

namespace sigtrader::strategy {
namespace {

using core::Decimal;
using core::Error;
using core::ErrorCode;

constexpr std::string_view kExpiryTag = "signal_follower.entry_expiry";

std::optional<std::size_t> market_of(const StrategyContext& context, const core::Symbol& symbol) {
  for (const MarketInfo& market : context.markets()) {
    if (market.instrument.symbol == symbol) return market.index;
  }
  return std::nullopt;
}

}  // namespace

EntrySizer fixed_notional_sizer(core::Money notional) {
  return [notional](const EntrySizingRequest& request) -> core::Result<EntrySize> {
    SIGTRADER_TRY(const Decimal raw,
                  core::checked_div(notional.decimal(), request.entry.decimal(),
                                    SignalFollower::kFractionScale, core::Rounding::kDown));
    SIGTRADER_TRY(const core::Quantity quantity,
                  request.market.instrument.round_quantity(core::Quantity(raw)));
    if (!quantity.is_positive()) {
      return Error(ErrorCode::kRejected,
                   fmt::format("{} {} at {} is less than one step of {}", notional.to_string(),
                               request.market.instrument.symbol.quote, request.entry.to_string(),
                               request.market.instrument.symbol.to_string()));
    }
    return EntrySize{quantity, request.stop, request.targets};
  };
}

SignalFollower::SignalFollower(SignalFollowerConfig config, EntrySizer sizer,
                               OutcomeObserver on_closed)
    : config_(std::move(config)), sizer_(std::move(sizer)), on_closed_(std::move(on_closed)) {
  if (!sizer_) {
    // Each channel's own notional.
    sizer_ = [this](const EntrySizingRequest& request) {
      return fixed_notional_sizer(config_for(request.signal.channel).notional_per_signal)(request);
    };
  }
}

void SignalFollower::set_channel_config(std::string channel, SignalFollowerConfig config) {
  channel_configs_.insert_or_assign(std::move(channel), std::move(config));
}

const SignalFollowerConfig& SignalFollower::config_for(const core::ChannelId& channel) const {
  const auto found = channel_configs_.find(channel.str());
  return found != channel_configs_.end() ? found->second : config_;
}

void SignalFollower::note(const StrategyContext& context, const bus::SignalEvent& signal,
                          std::string text) {
  notes_.push_back(SignalNote{context.now(), signal.channel, signal.message_id, std::move(text)});
}

void SignalFollower::skip(const StrategyContext& context, const bus::SignalEvent& signal,
                          std::string reason) {
  const auto index =
      outcome_index_.find(SignalKey{signal.channel.str(), signal.message_id.value()});
  if (index != outcome_index_.end()) {
    SignalOutcome& outcome = outcomes_[index->second];
    outcome.end = SignalEnd::kRejected;
    outcome.reasons.push_back(reason);
  }
  note(context, signal, "skipped: " + reason);
}

void SignalFollower::end_unfilled(Followed& followed, SignalEnd end, std::string reason) {
  SignalOutcome& outcome = outcomes_[followed.outcome];
  outcome.reasons.push_back(std::move(reason));
  if (followed.entered) return;  // the position goes on
  outcome.end = end;
  followed.done = true;
}

void SignalFollower::reach_targets(Followed& followed, const market::Candle& candle,
                                   core::Timestamp now) {
  SignalOutcome& outcome = outcomes_[followed.outcome];
  const bool is_long = followed.side == core::PositionSide::kLong;
  for (std::size_t level = followed.take_profits.size(); level < followed.targets.size(); ++level) {
    const core::Price target = followed.targets[level];
    if (level < outcome.targets_hit()) continue;
    if (is_long ? candle.high < target : candle.low > target) break;
    outcome.reach_target(level, now);
  }
}

core::Quantity SignalFollower::open_quantity(const StrategyContext& context, std::size_t market) {
  const execution::Position* position = context.position(market);
  if (position == nullptr) return core::Quantity::zero();
  return position->quantity().abs();
}

std::vector<Decimal> SignalFollower::ladder_fractions(const SignalFollowerConfig& config,
                                                      std::size_t targets) {
  const std::size_t used = std::min(targets, config.tp_split.size());
  Decimal sum;
  for (std::size_t i = 0; i < used; ++i)
    sum += config.tp_split[i];
  std::vector<Decimal> fractions;
  for (std::size_t i = 0; i < used; ++i) {
    auto fraction =
        core::checked_div(config.tp_split[i], sum, kFractionScale, core::Rounding::kDown);
    fractions.push_back(fraction ? *fraction : Decimal());
  }
  return fractions;
}

void SignalFollower::on_signal(StrategyContext& context, const bus::SignalEvent& signal) {
  if (signal.label == "long" || signal.label == "short") {
    follow(context, signal);
  } else if (signal.label == "update") {
    apply_update(context, signal);
  }
}

void SignalFollower::follow(StrategyContext& context, const bus::SignalEvent& signal) {
  const SignalKey key{signal.channel.str(), signal.message_id.value()};
  if (outcome_index_.contains(key)) {
    note(
        context, signal,
        fmt::format("edit (version {}) of a signal already followed: not applied", signal.version));
    return;
  }
  SignalOutcome record;
  record.channel = signal.channel;
  record.message_id = signal.message_id;
  record.received_at = context.now();
  record.symbol = signal.symbol;
  record.side = signal.side;
  outcome_index_.emplace(key, outcomes_.size());
  outcomes_.push_back(std::move(record));
  const SignalFollowerConfig& config = config_for(signal.channel);

  if (signal.confidence < config.min_confidence) {
    skip(context, signal,
         fmt::format("confidence {} is below min_confidence {}", signal.confidence,
                     config.min_confidence));
    return;
  }
  if (!signal.symbol || !signal.side) {
    skip(context, signal, "the signal names no symbol or side");
    return;
  }
  const std::optional<std::size_t> market = market_of(context, *signal.symbol);
  if (!market) {
    skip(context, signal,
         fmt::format("{} is not a market of this run", signal.symbol->to_string()));
    return;
  }
  if (!signal.stop_loss && config.skip_without_stop) {
    skip(context, signal, "no stop loss (skip_without_stop)");
    return;
  }
  const MarketInfo& info = context.markets()[*market];
  if (*signal.side == core::PositionSide::kShort &&
      info.instrument.kind == core::InstrumentKind::kSpot) {
    skip(context, signal,
         fmt::format("{} is a spot market, a short needs a perpetual",
                     info.instrument.symbol.to_string()));
    return;
  }
  if (open_quantity(context, *market).is_positive()) {
    skip(context, signal,
         fmt::format("{} already has an open position (one position per market)",
                     info.instrument.symbol.to_string()));
    return;
  }
  for (const auto& [other_key, other] : followed_) {
    if (!other.done && other.market == *market) {
      skip(context, signal,
           fmt::format("{} is already traded for signal {} of {} (one position per market)",
                       info.instrument.symbol.to_string(), other_key.second, other_key.first));
      return;
    }
  }
  if (config.entry != EntryMode::kMarket && signal.entries.empty()) {
    skip(context, signal, "no entry price for a limit entry");
    return;
  }

  Followed followed;
  followed.signal = signal;
  followed.config = &config;
  followed.outcome = outcomes_.size() - 1;
  followed.market = *market;
  followed.side = *signal.side;
  followed.stop_price = signal.stop_loss;
  followed.targets = signal.targets;
  followed.received_at = context.now();
  followed.expires_at = context.now() + config.entry_expiry;
  auto [it, inserted] = followed_.emplace(key, std::move(followed));
  const core::Status placed = place_entries(context, key, it->second);
  if (placed.ok() && it->second.approval) {
    outcomes_[it->second.outcome].reasons.push_back(
        fmt::format("queued for approval {} until {}", *it->second.approval,
                    it->second.expires_at.to_iso8601()));
    (void)context.set_timer(it->second.expires_at, std::string(kApprovalExpiryTag));
    return;
  }
  if (!placed.ok() || it->second.entries.empty()) {
    it->second.done = true;
    skip(context, signal, placed.ok() ? "no entry order was accepted" : placed.error().message());
    return;
  }
  start_following(context, it->second, config.entry == EntryMode::kMarket);
}

core::Status SignalFollower::place_entries(StrategyContext& context, const SignalKey& key,
                                           Followed& followed) {
  const bus::SignalEvent& signal = followed.signal;
  const SignalFollowerConfig& config = *followed.config;
  const MarketInfo& info = context.markets()[followed.market];
  const bool is_long = followed.side == core::PositionSide::kLong;
  // The entry range as written: its first price, and its far end.
  std::optional<core::Price> low;
  std::optional<core::Price> high;
  for (const core::Price& price : signal.entries) {
    if (!low || price < *low) low = price;
    if (!high || price > *high) high = price;
  }

  std::optional<core::Price> limit;  // empty: a market entry
  core::Price reference;             // the price the entry is sized at
  switch (config.entry) {
    case EntryMode::kMarket: {
      const auto history = context.history(followed.market);
      if (!history.empty()) {
        reference = history.back().close;
      } else if (!signal.entries.empty()) {
        reference = signal.entries.front();
      } else {
        return Error(ErrorCode::kRejected, "no price yet to size a market entry at");
      }
      break;
    }
    case EntryMode::kLimitFirst:
      limit = signal.entries.front();
      reference = *limit;
      break;
    case EntryMode::kLimitMid: {
      SIGTRADER_TRY(const Decimal mid,
                    core::checked_div(low->decimal() + high->decimal(), Decimal::from_int(2),
                                      kFractionScale, core::Rounding::kHalfEven));
      SIGTRADER_TRY(limit, info.instrument.round_price(core::Price(mid)));
      reference = *limit;
      break;
    }
    case EntryMode::kSplit:
      // The nearest end of the range first: the highest price for a long, the lowest for a short.
      reference = is_long ? *high : *low;
      break;
  }
  const EntrySizingRequest request{
      info, followed.side, reference, followed.stop_price, followed.targets, signal, context};
  SIGTRADER_TRY(const EntrySize size, sizer_(request));
  if (size.approval) {
    // Nothing is placed until a person approves it (approve()) or the wait ends (on_timer).
    followed.approval = size.approval;
    if (size.approval_expires_at) followed.expires_at = *size.approval_expires_at;
    return {};
  }
  std::optional<core::Price> range_end;
  if (config.entry == EntryMode::kSplit) range_end = is_long ? *low : *high;
  return send_entries(context, key, followed, size, reference, limit,
                      config.entry == EntryMode::kMarket, range_end);
}

core::Status SignalFollower::send_entries(StrategyContext& context, const SignalKey& key,
                                          Followed& followed, const EntrySize& size,
                                          core::Price reference, std::optional<core::Price> limit,
                                          bool at_market, std::optional<core::Price> range_end) {
  const MarketInfo& info = context.markets()[followed.market];
  const SignalFollowerConfig& config = *followed.config;
  followed.stop_price = size.stop;
  followed.targets = size.targets;
  std::vector<EntryLevel> levels;
  if (range_end && !at_market) {
    EntrySplit split = config.split;
    if (*range_end == reference) split = EntrySplit{1, SplitRatio::kEven, {}};
    SIGTRADER_TRY(levels,
                  split_entry(reference, *range_end, split, size.quantity, info.instrument));
  } else {
    levels.push_back(EntryLevel{limit.value_or(reference), size.quantity});
  }
  for (const EntryLevel& level : levels) {
    execution::OrderRequest order;
    order.symbol = info.instrument.symbol;
    order.side = core::entry_side(followed.side);
    order.type = at_market ? core::OrderType::kMarket : core::OrderType::kLimit;
    order.quantity = level.quantity;
    if (order.type == core::OrderType::kLimit) order.price = level.price;
    const std::size_t index = followed.entries.size();
    if (auto id = send(context, key, followed, std::move(order), Role::kEntry, index)) {
      followed.entries.push_back(TrackedOrder{*id, level.quantity, {}, true});
    }
  }
  return {};
}

void SignalFollower::start_following(StrategyContext& context, Followed& followed,
                                     bool market_entry) {
  SignalOutcome& outcome = outcomes_[followed.outcome];
  outcome.followed = true;
  outcome.target_count = followed.targets.size();
  if (!market_entry) {
    (void)context.set_timer(followed.expires_at, std::string(kExpiryTag));
  }
}

std::optional<core::ClientOrderId> SignalFollower::send(StrategyContext& context,
                                                        const SignalKey& key, Followed& followed,
                                                        execution::OrderRequest request, Role role,
                                                        std::size_t index) {
  auto id = context.submit(std::move(request));
  if (!id) {
    note(context, followed.signal, fmt::format("order refused: {}", id.error().message()));
    return std::nullopt;
  }
  orders_[*id] = OrderRef{key, role, index};
  return *id;
}

void SignalFollower::cancel_entries(StrategyContext& context, Followed& followed) {
  for (TrackedOrder& entry : followed.entries) {
    if (!entry.live) continue;
    (void)context.cancel(entry.id);
    entry.live = false;
  }
}

void SignalFollower::finish(StrategyContext& context, Followed& followed) {
  cancel_entries(context, followed);
  cancel_exits(context, followed);
  followed.done = true;
}

void SignalFollower::on_fill(StrategyContext& context, std::size_t market,
                             const bus::FillEvent& fill) {
  const auto ref = orders_.find(fill.client_order_id);
  if (ref == orders_.end()) return;
  const SignalKey key = ref->second.key;
  const Role role = ref->second.role;
  const std::size_t index = ref->second.index;
  Followed& followed = followed_.at(key);
  if (followed.done) return;
  SignalOutcome& outcome = outcomes_[followed.outcome];
  const bool flat = !open_quantity(context, market).is_positive();

  TrackedOrder* order = nullptr;
  switch (role) {
    case Role::kEntry:
      order = &followed.entries[index];
      if (!outcome.filled()) outcome.stop_at_entry = followed.stop_price;
      outcome.add_entry_fill(fill.header.ts_event, fill.quantity, fill.price, fill.fee);
      break;
    case Role::kStop:
      if (followed.stop && followed.stop->id == fill.client_order_id) order = &*followed.stop;
      outcome.add_exit_fill(fill.quantity, fill.price, fill.fee);
      break;
    case Role::kTakeProfit:
      order = &followed.take_profits[index];
      outcome.add_exit_fill(fill.quantity, fill.price, fill.fee);
      break;
    case Role::kClose:
      outcome.add_exit_fill(fill.quantity, fill.price, fill.fee);
      break;
  }
  bool completed = false;
  if (order != nullptr) {
    order->filled += fill.quantity;
    completed = order->filled >= order->quantity;
    if (completed) order->live = false;
  }
  if (completed) orders_.erase(fill.client_order_id);
  if (role == Role::kTakeProfit) outcome.reach_target(index, fill.header.ts_event);

  if (flat) {
    // Closed by the stop, the last target or a close: nothing of this signal may stay open.
    if (followed.entered || role != Role::kEntry) {
      outcome.closed_at = fill.header.ts_event;
      const bool by_stop =
          role == Role::kStop || (role == Role::kClose && followed.closing_by_stop);
      outcome.stopped = by_stop;
      const bool all_by_targets =
          role == Role::kTakeProfit &&
          std::all_of(followed.take_profits.begin(), followed.take_profits.end(),
                      [](const TrackedOrder& rung) { return rung.filled >= rung.quantity; });
      outcome.end = all_by_targets                          ? SignalEnd::kAllTargets
                    : by_stop && outcome.targets_hit() == 0 ? SignalEnd::kStopped
                                                            : SignalEnd::kPartial;
      finish(context, followed);
      if (on_closed_) on_closed_(outcome, context);
      return;
    }
  }
  switch (role) {
    case Role::kEntry:
      followed.entered = true;
      place_exits(context, key, followed);
      break;
    case Role::kTakeProfit:
      if (!completed) break;
      ++followed.take_profits_filled;
      if (followed.config->breakeven_after_tp > 0 &&
          followed.take_profits_filled == followed.config->breakeven_after_tp) {
        const execution::Position* position = context.position(market);
        auto entry = context.markets()[market].instrument.round_price(position->average_entry());
        if (entry) {
          followed.stop_price = *entry;
          place_stop(context, key, followed);
        }
      } else if (followed.stop && followed.stop->live) {
        place_stop(context, key, followed);  // the stop covers what is left
      }
      if (followed.config->trailing == Trailing::kMovingTarget &&
          followed.take_profits_filled >= std::max(followed.config->trail_after_tp, 1)) {
        const int filled = followed.take_profits_filled;
        std::optional<core::Price> level;
        if (filled >= 2) {
          level = followed.targets[static_cast<std::size_t>(filled - 2)];
        } else if (auto entry = context.markets()[market].instrument.round_price(
                       context.position(market)->average_entry())) {
          level = *entry;
        }
        if (level) tighten_stop(context, key, followed, *level);
      }
      break;
    case Role::kStop:
    case Role::kClose:
      break;
  }
}

void SignalFollower::on_candle(StrategyContext& context, std::size_t market,
                               const market::Candle& candle) {
  for (auto& [key, followed] : followed_) {
    if (followed.done || followed.market != market) continue;
    if (candle.open_time < followed.received_at) continue;  // before the signal was known
    if (followed.entered && open_quantity(context, market).is_positive()) {
      reach_targets(followed, candle, context.now());
      manage_open(context, key, followed, candle);
    }
    const bool unfilled = std::any_of(followed.entries.begin(), followed.entries.end(),
                                      [](const TrackedOrder& entry) { return entry.live; });
    if (!unfilled) continue;
    const bool is_long = followed.side == core::PositionSide::kLong;
    const std::vector<core::Price>& targets = followed.targets;
    const bool target_touched = !targets.empty() && (is_long ? candle.high >= targets.front()
                                                             : candle.low <= targets.front());
    const bool stop_touched =
        followed.stop_price &&
        (is_long ? candle.low <= *followed.stop_price : candle.high >= *followed.stop_price);
    if (!target_touched && !stop_touched) continue;
    cancel_entries(context, followed);
    const std::string reason = fmt::format("unfilled entries canceled: the {} was reached first",
                                           target_touched ? "first target" : "stop");
    note(context, followed.signal, reason);
    end_unfilled(followed, SignalEnd::kCanceled, reason);
  }
}

void SignalFollower::on_timer(StrategyContext& context, std::string_view tag) {
  if (tag == kApprovalExpiryTag) {
    bool expired = false;
    for (auto& [key, followed] : followed_) {
      if (followed.done || !followed.approval || followed.expires_at > context.now()) continue;
      SignalOutcome& outcome = outcomes_[followed.outcome];
      outcome.end = SignalEnd::kExpired;
      outcome.reasons.push_back(
          fmt::format("nobody approved it before {}", followed.expires_at.to_iso8601()));
      followed.approval.reset();
      followed.done = true;
      expired = true;
    }
    if (expired && approvals_.expire) approvals_.expire(context.now());
    return;
  }
  if (tag == kStopTimeoutTag) {
    for (auto& [key, followed] : followed_) {
      if (followed.done || followed.closing_by_stop || !followed.beyond_stop_since ||
          *followed.beyond_stop_since + *followed.config->stop_timeout > context.now()) {
        continue;
      }
      // Still beyond at the last close (a close back inside cleared beyond_stop_since).
      if (open_quantity(context, followed.market).is_positive()) {
        close_by_stop(context, key, followed);
      }
    }
    return;
  }
  if (tag != kExpiryTag) return;
  for (auto& [key, followed] : followed_) {
    if (followed.done || followed.expires_at > context.now()) continue;
    const bool unfilled = std::any_of(followed.entries.begin(), followed.entries.end(),
                                      [](const TrackedOrder& entry) { return entry.live; });
    if (!unfilled) continue;
    cancel_entries(context, followed);
    const std::string reason = "unfilled entries canceled: entry_expiry elapsed";
    note(context, followed.signal, reason);
    end_unfilled(followed, SignalEnd::kExpired, reason);
  }
}

void SignalFollower::on_stop(StrategyContext& context) {
  for (auto& [key, followed] : followed_) {
    if (followed.done || followed.entered) continue;
    cancel_entries(context, followed);
    end_unfilled(followed, SignalEnd::kExpired, "the run ended before an entry filled");
  }
}

void SignalFollower::apply_update(StrategyContext& context, const bus::SignalEvent& update) {
  if (!update.refers_to) return;
  const auto it = followed_.find(SignalKey{update.channel.str(), update.refers_to->value()});
  if (it == followed_.end() || it->second.done) return;
  const SignalKey& key = it->first;
  Followed& followed = it->second;
  SignalOutcome& outcome = outcomes_[followed.outcome];
  const std::string kind = update.update_kind.value_or("");
  const bool open = open_quantity(context, followed.market).is_positive();

  if (kind == "move_stop") {
    std::optional<core::Price> price = update.stop_loss;
    if (!price && open) {
      const execution::Position* position = context.position(followed.market);
      auto entry =
          context.markets()[followed.market].instrument.round_price(position->average_entry());
      if (entry) price = *entry;
    }
    if (!price) {
      note(context, update, "move_stop without a price before the entry filled: ignored");
      return;
    }
    followed.stop_price = *price;
    outcome.reasons.push_back(fmt::format("message {} moved the stop to {}",
                                          update.message_id.value(), price->to_string()));
    if (followed.entered && open) place_stop(context, key, followed);
  } else if (kind == "close") {
    cancel_entries(context, followed);
    if (!open) {
      end_unfilled(followed, SignalEnd::kCanceled,
                   fmt::format("message {} closed the signal before an entry filled",
                               update.message_id.value()));
      return;
    }
    cancel_exits(context, followed);
    auto id = context.exit(followed.market, "signal_close");
    if (!id) {
      note(context, update, fmt::format("close refused: {}", id.error().message()));
      return;
    }
    outcome.reasons.push_back(
        fmt::format("message {} closed the position", update.message_id.value()));
    if (!id->empty()) orders_[*id] = OrderRef{key, Role::kClose, 0};
  } else if (kind == "cancel") {
    cancel_entries(context, followed);
    if (followed.entered) {
      note(context, update, "cancel after the entry filled: the position is left open");
    } else {
      end_unfilled(followed, SignalEnd::kCanceled,
                   fmt::format("message {} canceled the signal", update.message_id.value()));
    }
  }
  // target_hit, stop_hit: our own orders handle them.
}

}  // namespace sigtrader::strategy
