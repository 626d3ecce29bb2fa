#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus/events.hpp"
#include "core/decimal.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "strategy/entry_split.hpp"
#include "strategy/parameters.hpp"
#include "strategy/signal_follower_config.hpp"
#include "strategy/signal_outcome.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::strategy {

// What a sizer is asked: how much of `market` to buy (long) or sell (short) for `signal`, entering
// around `entry` with the protective stop at `stop` (when the signal gives one) and `targets`.
struct EntrySizingRequest {
  const MarketInfo& market;
  core::PositionSide side;
  core::Price entry;
  std::optional<core::Price> stop;
  const std::vector<core::Price>& targets;
  const bus::SignalEvent& signal;
  const StrategyContext& context;  // now, the portfolio, the market's candles so far
};

// A sizer's answer: the whole entry quantity of a signal (before the split) and the exits to
// trade it with, which a risk-based sizer may derive when the signal lacks them.
struct EntrySize {
  core::Quantity quantity;
  std::optional<core::Price> stop;
  std::vector<core::Price> targets;
  // Set when the entry waits for a person's approval instead (quantity zero): its id, and when
  // the wait ends untraded.
  std::optional<std::uint64_t> approval = std::nullopt;
  std::optional<core::Timestamp> approval_expires_at = std::nullopt;
};

// An error skips the signal with the error's message as the reason. This is the seam for
// risk-based sizing (engine::RiskGate puts risk::RiskEngine here).
using EntrySizer = std::function<core::Result<EntrySize>(const EntrySizingRequest&)>;

// How a queued entry is approved, rejected or expired at the risk engine (engine::RiskGate).
struct ApprovalHooks {
  // Decides approval `id` again now; the size to enter at market, or why not.
  // `who`: the person answering, for the risk engine's events.
  std::function<core::Result<EntrySize>(std::uint64_t id, const EntrySizingRequest& request,
                                        std::string_view who)>
      approve;
  std::function<void(std::uint64_t id, core::Timestamp now, std::string_view who)> reject;
  std::function<void(core::Timestamp now)> expire;
};

// Told when a followed signal's position has closed (the risk engine's circuit breaker learns
// from it). Called from within the strategy's callbacks.
using OutcomeObserver = std::function<void(const SignalOutcome&, const StrategyContext&)>;

// notional / entry price, rounded down to the instrument's step.
EntrySizer fixed_notional_sizer(core::Money notional);

// Why a signal or an update was not acted upon (or only partly), for the run's journal.
struct SignalNote {
  core::Timestamp ts;
  core::ChannelId channel;
  core::MessageId message_id;
  std::string text;
};

// Follows classified channel signals (issue 6). A "long"/"short" SignalEvent becomes entry
// order(s) (see EntryMode); once an entry fills, the strategy places a reduce-only stop-market at
// the signal's stop and reduce-only take-profit-market orders at its targets sized by tp_split
// (each entry fill re-places them for the new position size). After `breakeven_after_tp`
// take-profits have filled, the stop moves to the average entry. A stop fill cancels the targets
// left; the last target's fill cancels the stop. Unfilled entries are canceled after
// entry_expiry, or at the close of a candle (received after the signal) that touched the first
// target or the stop.
//
// Updates (label "update", matched by channel and refers_to): move_stop re-places the stop at
// the update's stop_loss, or at the average entry when it gives none; close cancels our orders
// and closes the position at market (SignalEvent carries no fraction, so always in full);
// cancel cancels unfilled entries and leaves a filled position alone (noted); target_hit and
// stop_hit need nothing, our own orders handle them.
//
// The kernel keeps one position per market, so a signal for a market that already has a
// position, or another followed signal still working, is skipped with a note. Edits of a signal
// already followed (version > 1) are noted, not applied.
class SignalFollower final : public Strategy {
 public:
  static constexpr int kFractionScale = 12;  // decimals of the fractions a quantity is cut into

  explicit SignalFollower(SignalFollowerConfig config, EntrySizer sizer = nullptr,
                          OutcomeObserver on_closed = nullptr);

  std::string_view name() const override { return "signal_follower"; }
  // Candles of history kept for the sizer (a risk engine's ATR and correlations); 0 by default.
  std::size_t warmup() const override { return warmup_; }
  void set_warmup(std::size_t candles) { warmup_ = candles; }
  void on_candle(StrategyContext& context, std::size_t market,
                 const market::Candle& candle) override;
  void on_fill(StrategyContext& context, std::size_t market, const bus::FillEvent& fill) override;
  void on_timer(StrategyContext& context, std::string_view tag) override;
  void on_signal(StrategyContext& context, const bus::SignalEvent& signal) override;
  // Entries still unfilled when the run stops count as expired.
  void on_stop(StrategyContext& context) override;

  // Signals of `channel` follow `config` instead of the one given at construction (several
  // channels at once, each with its own entries, ladder and exits). Call before the run.
  void set_channel_config(std::string channel, SignalFollowerConfig config);

  // Where approvals of queued entries go (see EntrySize::approval); without hooks a queued entry
  // just waits for its expiry.
  void set_approval_hooks(ApprovalHooks hooks) { approvals_ = std::move(hooks); }
  // A person (`who`) approves the queued entry `id`: decided again now and entered at market.
  // kNotFound when no signal waits under `id`; the sizer's error when it refuses (the signal is
  // then done).
  core::Status approve(StrategyContext& context, std::uint64_t id, std::string_view who = "person");
  // A person rejects it: the signal is done, untraded. kNotFound as approve().
  core::Status reject(StrategyContext& context, std::uint64_t id, std::string_view who = "person");
  // A person closes the open position of `market` at market (Kernel::exit with `reason`): the
  // exits of the signal that opened it are canceled first, and the close ends that signal's
  // outcome when it fills. The kernel's error when it refuses (a close already in flight); an
  // empty id when the market is flat.
  core::Result<core::ClientOrderId> close_position(StrategyContext& context, std::size_t market,
                                                   std::string_view reason);
  // The approval ids waiting now, oldest first.
  std::vector<std::uint64_t> awaiting_approval() const;

  // Everything skipped or ignored so far, oldest first.
  const std::vector<SignalNote>& notes() const { return notes_; }
  // One per long/short signal received (edits of one already received excluded), in arrival
  // order: what was done with it and what it earned.
  const std::vector<SignalOutcome>& outcomes() const { return outcomes_; }

 private:
  static constexpr std::string_view kStopTimeoutTag = "signal_follower.stop_timeout";
  static constexpr std::string_view kApprovalExpiryTag = "signal_follower.approval_expiry";

  using SignalKey = std::pair<std::string, std::int64_t>;  // channel, message id
  enum class Role { kEntry, kStop, kTakeProfit, kClose };
  struct TrackedOrder {
    core::ClientOrderId id;
    core::Quantity quantity;
    core::Quantity filled;
    bool live = true;
  };
  struct Followed {
    bus::SignalEvent signal;
    const SignalFollowerConfig* config = nullptr;  // its channel's (config_for)
    std::size_t outcome = 0;                       // index into outcomes_
    std::size_t market = 0;
    core::PositionSide side = core::PositionSide::kLong;
    std::optional<core::Price> stop_price;
    std::vector<core::Price> targets;  // the signal's, or the sizer's when it derived them
    core::Timestamp received_at;
    core::Timestamp expires_at;
    std::vector<TrackedOrder> entries;
    std::optional<TrackedOrder> stop;
    std::vector<TrackedOrder> take_profits;  // index = target index
    int take_profits_filled = 0;
    std::optional<core::Price> best_close;  // since the entry filled (percent trailing)
    // The first close beyond the stop, while a stop timeout runs.
    std::optional<core::Timestamp> beyond_stop_since;
    bool closing_by_stop = false;           // the close in flight is the stop timeout's
    std::optional<std::uint64_t> approval;  // waiting for a person under this id
    bool entered = false;                   // an entry has filled
    bool done = false;
  };
  struct OrderRef {
    SignalKey key;
    Role role = Role::kEntry;
    std::size_t index = 0;
  };

  void follow(StrategyContext& context, const bus::SignalEvent& signal);
  void apply_update(StrategyContext& context, const bus::SignalEvent& update);
  core::Status place_entries(StrategyContext& context, const SignalKey& key, Followed& followed);
  // Sends the entry orders of `size` (one market order when `at_market`).
  core::Status send_entries(StrategyContext& context, const SignalKey& key, Followed& followed,
                            const EntrySize& size, core::Price reference,
                            std::optional<core::Price> limit, bool at_market,
                            std::optional<core::Price> range_end);
  // The signal is now traded: its outcome says so and its entry expiry runs.
  void start_following(StrategyContext& context, Followed& followed, bool market_entry);
  Followed* awaiting(std::uint64_t id);
  // Cancels the stop and targets left and places them again for the open position.
  void place_exits(StrategyContext& context, const SignalKey& key, Followed& followed);
  void place_stop(StrategyContext& context, const SignalKey& key, Followed& followed);
  // Moves the stop to `price` when that is tighter than where it is (or there is none).
  void tighten_stop(StrategyContext& context, const SignalKey& key, Followed& followed,
                    core::Price price);
  // Trailing after take-profits and the stop timeout, on a close while the position is open.
  void manage_open(StrategyContext& context, const SignalKey& key, Followed& followed,
                   const market::Candle& candle);
  void close_by_stop(StrategyContext& context, const SignalKey& key, Followed& followed);
  void cancel_entries(StrategyContext& context, Followed& followed);
  void cancel_exits(StrategyContext& context, Followed& followed);
  void finish(StrategyContext& context, Followed& followed);
  std::optional<core::ClientOrderId> send(StrategyContext& context, const SignalKey& key,
                                          Followed& followed, execution::OrderRequest request,
                                          Role role, std::size_t index);
  void note(const StrategyContext& context, const bus::SignalEvent& signal, std::string text);
  // Notes why `signal` is not followed and records it as rejected.
  void skip(const StrategyContext& context, const bus::SignalEvent& signal, std::string reason);
  // Ends `followed` without a position: its entries were canceled or expired.
  void end_unfilled(Followed& followed, SignalEnd end, std::string reason);
  // Records the take-profit levels the candle reached while the position was open, for levels
  // without an order of their own (tp_split shorter than the signal's targets).
  void reach_targets(Followed& followed, const market::Candle& candle, core::Timestamp now);
  // Quantity of the open position of `market` (positive for both sides); zero when flat.
  static core::Quantity open_quantity(const StrategyContext& context, std::size_t market);
  // The take-profit fractions for `targets` targets (see tp_split).
  static std::vector<core::Decimal> ladder_fractions(const SignalFollowerConfig& config,
                                                     std::size_t targets);
  const SignalFollowerConfig& config_for(const core::ChannelId& channel) const;

  SignalFollowerConfig config_;
  std::map<std::string, SignalFollowerConfig> channel_configs_;
  EntrySizer sizer_;
  OutcomeObserver on_closed_;
  std::size_t warmup_ = 0;
  std::map<SignalKey, Followed> followed_;
  ApprovalHooks approvals_;
  std::vector<SignalOutcome> outcomes_;
  std::map<SignalKey, std::size_t> outcome_index_;
  std::map<core::ClientOrderId, OrderRef> orders_;
  std::vector<SignalNote> notes_;
};

}  // namespace sigtrader::strategy
