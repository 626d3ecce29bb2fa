#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "risk/entry_request.hpp"

namespace sigtrader::risk {

// When the circuit breaker opens and how long it stays open. The defaults are RiskConfig's; the
// engine copies the configured values in (risk does not read the config itself).
struct BreakerConfig {
  int max_consecutive_losses = 3;  // opens on this many losing trades in a row (1..1000)
  double daily_loss_pct = 5.0;     // opens when today's net realised loss reaches this % (0..100]
  core::Duration cooldown = core::Duration::hours(4);  // closes by itself this long after opening
};

// Everything a restart needs to restore the breaker; plain values so a store can write it as one
// row.
struct BreakerState {
  std::optional<core::Timestamp> open_since;  // set while the breaker is open
  std::string open_reason;             // why it opened ("3 consecutive losses"); "" if closed
  int consecutive_losses = 0;          // losing trades in a row since the last win
  std::optional<core::Timestamp> day;  // UTC midnight of the current day; none before any update
  core::Money day_start_equity;        // equity at the first update of `day`
  core::Money realized_pnl_today;      // net realised PnL of trades closed during `day`
  friend bool operator==(const BreakerState&, const BreakerState&) = default;
};

// Stops new entries after a losing streak or a bad day, until a cooldown passes or a person
// resumes trading.
//
// It opens when `max_consecutive_losses` trades in a row lose (a win resets the count; a trade
// closed at exactly zero neither counts nor resets), or when today's net realised loss reaches
// `daily_loss_pct` % of the day's start equity. The UTC day rolls at 00:00: the first update of a
// new day sets that day's start equity and clears the day's PnL, but never closes an open breaker.
// Once closed (cooldown or resume) the loss streak starts again from zero; the day's loss does not,
// so a further loss on the same bad day opens it again.
//
// The breaker answers for entries only. Exits (stops, targets, manual closes, liquidations) are
// never asked about and never blocked; their results still feed on_trade_closed().
//
// Every transition is a bus::RiskEvent (breaker_opened | breaker_closed | breaker_resumed),
// published on the bus when one is given and kept in transitions() for the store writer. No clock
// inside: every call takes the time it happens at, so a backtest and its replay agree.
class CircuitBreaker {
 public:
  static constexpr std::string_view kOpenedKind = "breaker_opened";
  static constexpr std::string_view kClosedKind = "breaker_closed";
  static constexpr std::string_view kResumedKind = "breaker_resumed";
  static constexpr std::string_view kReasonCode = "breaker_open";  // RiskReason::code of a refusal

  // `bus` may be null (tests, tools); it must outlive the breaker otherwise.
  explicit CircuitBreaker(BreakerConfig config = {}, bus::MessageBus* bus = nullptr);

  // A trade closed at `ts` with realised `pnl`, leaving `equity_after`. On the first update of a
  // UTC day the day's start equity is the equity before this trade (equity_after - pnl).
  void on_trade_closed(core::Timestamp ts, core::Money pnl, core::Money equity_after);
  // An equity reading (a mark-to-market tick, a balance sync); sets the start equity of a new day.
  void on_equity(core::Timestamp ts, core::Money equity);

  // nullopt when a new entry may go ahead at `ts`, else why not (code "breaker_open"). When the
  // breaker is open and its cooldown has elapsed at `ts`, it closes first (a breaker_closed event).
  std::optional<RiskReason> allows_entry(core::Timestamp ts);
  // A person resumes trading; returns false (and publishes nothing) when the breaker is closed.
  bool resume(core::Timestamp ts, std::string_view who);

  bool is_open() const { return state_.open_since.has_value(); }
  // When an open breaker closes by itself; nullopt while closed.
  std::optional<core::Timestamp> closes_at() const;
  const BreakerState& state() const { return state_; }
  const BreakerConfig& config() const { return config_; }
  // Replaces the state with one saved before a restart; publishes nothing. Fails on a state no
  // breaker could have produced (a negative streak, an open breaker without a reason).
  core::Status restore(BreakerState state);

  // Every transition since construction (or the last take_transitions()), oldest first.
  const std::vector<bus::RiskEvent>& transitions() const { return transitions_; }
  std::vector<bus::RiskEvent> take_transitions();

 private:
  void roll_day(core::Timestamp ts, core::Money start_equity);
  void open(core::Timestamp ts, std::string reason,
            std::vector<std::pair<std::string, std::string>> details);
  void close(core::Timestamp ts, std::string_view kind, std::string reason,
             std::vector<std::pair<std::string, std::string>> details);
  void emit(bus::RiskEvent event);

  BreakerConfig config_;
  bus::MessageBus* bus_;
  BreakerState state_;
  std::vector<bus::RiskEvent> transitions_;
};

}  // namespace sigtrader::risk
