#include "risk/circuit_breaker.hpp"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace sigtrader::risk {
namespace {

using Details = std::vector<std::pair<std::string, std::string>>;

// A percentage for people: two decimals at most, no trailing zeros ("5.1", "5", "4.75").
std::string percent_text(double pct) {
  return fmt::format("{}", std::round(pct * 100.0) / 100.0);
}

}  // namespace

CircuitBreaker::CircuitBreaker(BreakerConfig config, bus::MessageBus* bus)
    : config_(config), bus_(bus) {
  // The config loader enforces these ranges; anything else reaching here is a bug.
  SIGTRADER_ASSERT(config_.max_consecutive_losses >= 1,
                   "max_consecutive_losses must be at least 1");
  SIGTRADER_ASSERT(config_.daily_loss_pct > 0.0 && config_.daily_loss_pct <= 100.0,
                   "daily_loss_pct must be in (0, 100]");
  SIGTRADER_ASSERT(config_.cooldown >= core::Duration(), "cooldown must not be negative");
}

void CircuitBreaker::on_trade_closed(core::Timestamp ts, core::Money pnl,
                                     core::Money equity_after) {
  roll_day(ts, equity_after - pnl);
  state_.realized_pnl_today += pnl;

  if (pnl.is_positive()) {
    state_.consecutive_losses = 0;
    return;
  }
  if (!pnl.is_negative()) return;  // a scratch trade neither extends nor breaks the streak
  ++state_.consecutive_losses;
  if (is_open()) return;  // exits keep closing trades while open; one opening is enough

  // The streak is checked first: when one trade trips both limits, its reason is the streak.
  if (state_.consecutive_losses >= config_.max_consecutive_losses) {
    open(ts, fmt::format("{} consecutive losses", state_.consecutive_losses),
         {{"consecutive_losses", std::to_string(state_.consecutive_losses)},
          {"limit", std::to_string(config_.max_consecutive_losses)},
          {"last_pnl", pnl.to_string()}});
    return;
  }

  const core::Money loss = -state_.realized_pnl_today;
  const core::Money start = state_.day_start_equity;
  if (!loss.is_positive() || !start.is_positive()) return;
  // Compared as loss × 100 ≥ pct × start so that a loss of exactly the limit (500 of 10000 at
  // 5 %) counts as reaching it, without a division's rounding in the way.
  if (loss.to_double() * 100.0 < config_.daily_loss_pct * start.to_double()) return;
  const std::string pct = percent_text(loss.to_double() / start.to_double() * 100.0);
  const std::string limit = percent_text(config_.daily_loss_pct);
  open(ts,
       fmt::format("daily loss {} % of start-of-day equity {} reached the limit {} %", pct,
                   start.to_string(), limit),
       {{"day", state_.day->date_string()},
        {"daily_loss", loss.to_string()},
        {"daily_loss_pct", pct},
        {"day_start_equity", start.to_string()},
        {"limit_pct", limit}});
}

void CircuitBreaker::on_equity(core::Timestamp ts, core::Money equity) {
  roll_day(ts, equity);
}

std::optional<RiskReason> CircuitBreaker::allows_entry(core::Timestamp ts) {
  if (!is_open()) return std::nullopt;
  const core::Timestamp until = *closes_at();
  if (ts >= until) {
    const std::string cooldown = config_.cooldown.to_string();
    close(ts, kClosedKind, fmt::format("cooldown of {} elapsed", cooldown),
          {{"opened_at", state_.open_since->to_iso8601()}, {"cooldown", cooldown}});
    return std::nullopt;
  }
  return RiskReason{
      std::string(kReasonCode),
      fmt::format("circuit breaker open since {} ({}); it closes at {} or on a "
                  "manual resume",
                  state_.open_since->to_iso8601(), state_.open_reason, until.to_iso8601())};
}

bool CircuitBreaker::resume(core::Timestamp ts, std::string_view who) {
  if (!is_open()) return false;
  close(ts, kResumedKind, fmt::format("resumed by {}", who),
        {{"opened_at", state_.open_since->to_iso8601()}, {"by", std::string(who)}});
  return true;
}

std::optional<core::Timestamp> CircuitBreaker::closes_at() const {
  if (!is_open()) return std::nullopt;
  return *state_.open_since + config_.cooldown;
}

core::Status CircuitBreaker::restore(BreakerState state) {
  if (state.consecutive_losses < 0) {
    return core::Error(core::ErrorCode::kOutOfRange,
                       fmt::format("saved circuit breaker state: consecutive_losses is {}, "
                                   "expected 0 or more",
                                   state.consecutive_losses));
  }
  if (state.open_since && state.open_reason.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "saved circuit breaker state: open without a reason; expected the "
                       "reason it opened for");
  }
  if (state.day && state.day->start_of_day() != *state.day) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("saved circuit breaker state: day {} is not a UTC midnight",
                                   state.day->to_iso8601()));
  }
  if (state.day_start_equity.is_negative()) {
    return core::Error(core::ErrorCode::kOutOfRange,
                       fmt::format("saved circuit breaker state: day_start_equity is {}, "
                                   "expected 0 or more",
                                   state.day_start_equity.to_string()));
  }
  state_ = std::move(state);
  return {};
}

std::vector<bus::RiskEvent> CircuitBreaker::take_transitions() {
  return std::exchange(transitions_, {});
}

void CircuitBreaker::roll_day(core::Timestamp ts, core::Money start_equity) {
  const core::Timestamp day = ts.start_of_day();
  // A late update stamped with an earlier day counts towards the current one.
  if (state_.day && day <= *state_.day) return;
  state_.day = day;
  state_.day_start_equity = start_equity;
  state_.realized_pnl_today = core::Money::zero();
}

void CircuitBreaker::open(core::Timestamp ts, std::string reason, Details details) {
  state_.open_since = ts;
  state_.open_reason = reason;
  details.emplace_back("cooldown", config_.cooldown.to_string());
  details.emplace_back("closes_at", (ts + config_.cooldown).to_iso8601());
  emit(bus::RiskEvent{
      {ts, ts, {}}, std::string(kOpenedKind), std::nullopt, std::move(reason), std::move(details)});
}

void CircuitBreaker::close(core::Timestamp ts, std::string_view kind, std::string reason,
                           Details details) {
  state_.open_since.reset();
  state_.open_reason.clear();
  // A fresh start: the streak that opened it must not reopen it on the next single loss.
  state_.consecutive_losses = 0;
  emit(bus::RiskEvent{
      {ts, ts, {}}, std::string(kind), std::nullopt, std::move(reason), std::move(details)});
}

void CircuitBreaker::emit(bus::RiskEvent event) {
  transitions_.push_back(event);
  // The local copy, not transitions_.back(): a handler may take the transitions meanwhile.
  if (bus_ != nullptr) bus_->publish(event);
}

}  // namespace sigtrader::risk
