#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bus/events.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "execution/order.hpp"
#include "execution/portfolio.hpp"
#include "execution/position.hpp"
#include "market/candle.hpp"
#include "strategy/exit_plan.hpp"

namespace sigtrader::strategy {

// One market a strategy trades, numbered from 0 in the order the config lists them. Strategies
// keep per-market state in a vector indexed by `index`, which keeps the candle path free of
// lookups by name.
struct MarketInfo {
  std::size_t index = 0;
  core::Instrument instrument;
  core::Duration timeframe;
  int leverage = 1;  // perpetuals; 1 for spot
};

// Everything a strategy may see and do. The kernel implements it, the same way in backtest, paper
// and live, so a strategy cannot tell which mode it runs in.
//
// Lookahead is impossible by construction: a strategy gets candles only through on_candle(), at
// their close time, and history() holds only candles already delivered. There is no call that
// returns a series, an index into one, or the next candle.
class StrategyContext {
 public:
  virtual ~StrategyContext() = default;

  virtual core::Timestamp now() const = 0;
  virtual const std::vector<MarketInfo>& markets() const = 0;
  // The closed candles of a market delivered so far, oldest first, at most the configured
  // history length (the newest is the one on_candle() was just called with).
  virtual std::span<const market::Candle> history(std::size_t market) const = 0;

  virtual const execution::Portfolio& portfolio() const = 0;
  // nullptr until the market first traded.
  virtual const execution::Position* position(std::size_t market) const = 0;
  // True while an entry or a close sent by enter()/exit() has not finished.
  virtual bool has_pending_order(std::size_t market) const = 0;

  // Opens a position at market. Without `quantity` it spends all available quote cash, sized by
  // the venue at the fill price (see README, "Backtest conventions"). Once the entry fills, the
  // plan's exits are placed. An open position on the other side is closed first.
  virtual core::Result<core::ClientOrderId> enter(std::size_t market, core::PositionSide side,
                                                  const ExitPlan& exits,
                                                  std::optional<core::Quantity> quantity) = 0;
  // Closes the whole position at market and cancels its exits; `reason` goes into the trade
  // list ("signal", "time_stop", ...). Nothing to do when flat (returns an empty id).
  virtual core::Result<core::ClientOrderId> exit(std::size_t market, std::string_view reason) = 0;

  // Any order the strategy builds itself; rounded and checked against the instrument's filters.
  virtual core::Result<core::ClientOrderId> submit(execution::OrderRequest request) = 0;
  virtual core::Status cancel(const core::ClientOrderId& id) = 0;

  // on_timer(tag) is called once the clock reaches `at`.
  virtual core::TimerId set_timer(core::Timestamp at, std::string tag) = 0;
};

// A trading strategy: reacts to closed candles, fills, timers and signals, and trades through its
// context. Parameters come from the config's `[strategy.params]` (see registry.hpp).
class Strategy {
 public:
  virtual ~Strategy() = default;

  virtual std::string_view name() const = 0;
  // Candles a market needs before the strategy can decide (the longest indicator lookback + 1);
  // the kernel keeps at least this much history.
  virtual std::size_t warmup() const { return 0; }

  virtual void on_start(StrategyContext& /*context*/) {}
  // `candle` of `market` has just closed; context.now() is its close time.
  virtual void on_candle(StrategyContext& context, std::size_t market,
                         const market::Candle& candle) = 0;
  virtual void on_fill(StrategyContext& /*context*/, std::size_t /*market*/,
                       const bus::FillEvent& /*fill*/) {}
  virtual void on_timer(StrategyContext& /*context*/, std::string_view /*tag*/) {}
  // A classified signal post (the signal-follower strategy uses it).
  virtual void on_signal(StrategyContext& /*context*/, const bus::SignalEvent& /*signal*/) {}
  virtual void on_stop(StrategyContext& /*context*/) {}
};

}  // namespace sigtrader::strategy
