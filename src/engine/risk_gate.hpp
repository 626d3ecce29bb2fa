#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/time.hpp"
#include "risk/entry_request.hpp"
#include "risk/risk_engine.hpp"
#include "risk/sizer_edge.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::engine {

struct RiskGateOptions {
  // Each channel's measured record (channel id → trust), from the channel backtests stored in
  // channel_stats; a channel not listed is sized without it.
  std::map<std::string, risk::ChannelTrust> channel_trust;
  // The ATR the risk engine derives missing exits from (and AtrRisk sizes with), over the
  // market's candles so far; none until the history holds period + 1 candles.
  std::size_t atr_period = 14;
  // Close-to-close returns over this many candles decide which symbols move together.
  std::size_t return_window = 100;

  // Candles of history the gate needs from the kernel (the strategy's warm-up).
  std::size_t history_needed() const { return std::max(atr_period, return_window) + 1; }
};

// Puts risk::RiskEngine between the signal follower and the order manager: each signal's entry is
// sized and checked by the engine (breaker, exits derived from the ATR, sizing, drawdown scale,
// validators) before any order exists, and every closed signal's result reaches the breaker.
//
// Symbols whose close-to-close returns over the candles in the strategy's history correlate (the
// risk config's correlation_threshold) form one exposure group for the group limit.
//
// The account the engine sees is read from the strategy's context when it is asked: equity is
// quote cash plus every open position marked at its market's last close. The peak equity and the
// day's starting equity are the highest and the first such readings, taken at each decision and
// each close, so a drawdown between two readings counts from the next one on.
class RiskGate {
 public:
  // `engine` must outlive the gate and everything the gate's functions are handed to.
  explicit RiskGate(risk::RiskEngine& engine, RiskGateOptions options = {});
  RiskGate(const RiskGate&) = delete;
  RiskGate& operator=(const RiskGate&) = delete;

  // The follower's sizer: a rejected decision is an error naming every reason.
  strategy::EntrySizer sizer();
  // The follower's observer: a closed signal's PnL and the equity after it go to the breaker.
  strategy::OutcomeObserver observer();
  // The follower's approvals: a queued entry approved is decided again by the engine at the
  // market price (RiskEngine::approve), rejected or expired in the engine's queue too.
  strategy::ApprovalHooks approval_hooks();

  risk::RiskEngine& engine() { return engine_; }

 private:
  core::Result<strategy::EntrySize> size(const strategy::EntrySizingRequest& request);
  core::Result<strategy::EntrySize> approve(std::uint64_t id,
                                            const strategy::EntrySizingRequest& request,
                                            std::string_view who);
  // The ATR, the channel's record and the exposure groups of the markets' recent returns.
  risk::DecisionInputs inputs_for(const strategy::EntrySizingRequest& request);
  void closed(const strategy::SignalOutcome& outcome, const strategy::StrategyContext& context);
  // The account now, updating the peak and the day's start.
  risk::AccountView account(const strategy::StrategyContext& context);

  risk::RiskEngine& engine_;
  RiskGateOptions options_;
  std::optional<core::Money> peak_equity_;
  std::optional<core::Money> day_start_equity_;
  std::optional<core::Timestamp> day_start_;    // midnight UTC of the day day_start_equity_ is of
  std::optional<risk::ExposureGroups> groups_;  // of the last decision (DecisionInputs points here)
};

}  // namespace sigtrader::engine
