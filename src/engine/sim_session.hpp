#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/kernel.hpp"
#include "execution/order_manager.hpp"
#include "execution/portfolio.hpp"
#include "execution/sim_exchange.hpp"
#include "market/candle_source.hpp"
#include "market/funding_rates.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine {

// The market data of one market for one run: the candles the strategy sees and, optionally, a
// lower timeframe the simulated exchange matches against instead (intrabar order of stop and
// target hits), and funding rates.
struct MarketFeed {
  std::unique_ptr<market::CandleSource> candles;
  std::unique_ptr<market::CandleSource> detail;  // may be null
  std::vector<market::FundingRate> funding;
};

struct SimSessionOptions {
  // Client order ids are "<prefix>-<first open in ms>-<n>" (Kernel): the same inputs give the
  // same ids, which is what lets a paper session be replayed after a restart.
  std::string order_id_prefix = "bt";
  // The venue's liquidation orders are "<prefix>-<n>" (SimExchangeConfig).
  std::string liquidation_id_prefix = "liq";
  // Keep every order decision (the lookahead check compares them).
  bool record_decisions = true;
  // A signal is due at its header.ts_init plus this (DESIGN.md §2).
  core::Duration classification_latency;
};

// What one step() did.
struct StepOutcome {
  core::Timestamp instant;  // the simulated time processed
  std::size_t candles = 0;  // strategy candles that closed at `instant`
  std::size_t signals = 0;  // signals delivered at `instant`
};

// One simulated trading run in pieces: the clock, bus, portfolio, SimExchange, OrderManager and
// Kernel of a BacktestConfig, fed by its market feeds and by signals, advanced one instant at a
// time. run_backtest() is a loop over it; a paper session (paper_session.hpp) paces the same loop
// against the wall clock and persists what each step changed.
//
// Instants: the next instant is the earliest of the next candle close (a strategy candle or, with
// detail data, a detail candle the exchange matches instead) and the next signal due strictly
// before that close. A step at a close first lets the exchange match the closing candles along
// their intrabar path, then settles funding, then hands the closed strategy candles to the kernel.
// A step at a signal instant moves the clock there and hands every signal due then (in the order
// they were added) to the kernel; a signal due exactly at a close comes after that close's
// candles. Orders placed from a signal are stamped with its instant and go live at it plus the
// exchange latency, so they meet only path points after the signal.
//
// Signals due before the first candle opened are dropped and counted; signals due after the last
// close stay queued (finish() delivers those due exactly at it).
class SimSession {
 public:
  // Checks the feeds against the config (one per market, in config order; known timeframes;
  // detail timeframes dividing the candle timeframe) and builds the run; kInvalidArgument when
  // there is no candle at all. `strategy` must outlive the session.
  static core::Result<std::unique_ptr<SimSession>> open(const BacktestConfig& config,
                                                        strategy::Strategy& strategy,
                                                        std::vector<MarketFeed> feeds,
                                                        SimSessionOptions options = {});
  ~SimSession();
  SimSession(const SimSession&) = delete;
  SimSession& operator=(const SimSession&) = delete;

  // Subscribe here (event log, journal) before start().
  bus::MessageBus& bus() { return bus_; }

  // Starts the strategy (Kernel::start); once, before the first step.
  void start();
  // Schedules a signal at `due`, by default its ts_init + the classification latency; a due time
  // before the current instant is moved to it (a signal is never back-dated). Signals due at one
  // instant are delivered in the order they were added.
  void add_signal(bus::SignalEvent signal, std::optional<core::Timestamp> due = std::nullopt);
  // The instant the next step() processes; empty when the data is exhausted (queued signals due
  // later are left for finish()).
  std::optional<core::Timestamp> next_time();
  bool done() { return !next_time().has_value(); }
  // Processes the next instant; kInvalidArgument when done(). Errors come from the exchange
  // refusing a candle (out of order) and end the run.
  core::Result<StepOutcome> step();
  // After the last step: delivers the signals due exactly at the last close and, with
  // `close_positions`, closes what is still open at the last closes in the books only (a taker
  // fee at the config's fee_rate, no slippage; see Kernel::close_at_end). Then stops the strategy.
  core::Status finish(bool close_positions);

  const core::SimClock& clock() const { return clock_; }
  Kernel& kernel() { return *kernel_; }
  const Kernel& kernel() const { return *kernel_; }
  const execution::Portfolio& portfolio() const { return portfolio_; }
  const execution::OrderManager& orders() const { return *orders_; }
  const execution::SimExchange& exchange() const { return *exchange_; }
  const std::vector<strategy::MarketInfo>& markets() const { return infos_; }

  core::Timestamp first_open() const { return first_open_; }
  // The last candle close processed; empty before the first.
  std::optional<core::Timestamp> last_close() const { return last_close_; }
  // The last instant processed (a close or a signal); empty before the first step.
  std::optional<core::Timestamp> last_instant() const { return last_instant_; }
  std::uint64_t candles() const { return candles_; }
  std::uint64_t detail_candles() const { return detail_candles_; }
  std::size_t signals_delivered() const { return signals_delivered_; }
  std::size_t signals_before_data() const { return signals_before_data_; }
  // Signals still queued (after finish(): due after the data ended).
  std::size_t signals_pending() const { return signals_.size() - next_signal_; }

 private:
  struct QueuedSignal {
    core::Timestamp due;
    std::uint64_t sequence = 0;  // the order it was added in, for ties
    bus::SignalEvent signal;
  };

  SimSession(const BacktestConfig& config, std::vector<MarketFeed> feeds, SimSessionOptions options,
             core::Timestamp first_open);
  core::Status set_up(const BacktestConfig& config, strategy::Strategy& strategy,
                      const SimSessionOptions& options);
  // The next candle close of any feed (skipping detail candles before their strategy candle).
  std::optional<core::Timestamp> next_close();
  std::optional<core::Timestamp> next_signal_due() const;
  // Delivers every signal due at exactly `instant` (the clock is moved there).
  void deliver_signals_at(core::Timestamp instant, StepOutcome& outcome);
  core::Status process_close(core::Timestamp close, StepOutcome& outcome);

  std::vector<MarketFeed> feeds_;
  SimSessionOptions options_;
  core::Decimal fee_rate_;  // taker, for close_at_end
  core::Timestamp first_open_;
  core::SimClock clock_;
  bus::MessageBus bus_;
  execution::Portfolio portfolio_;
  std::unique_ptr<execution::SimExchange> exchange_;
  std::unique_ptr<execution::OrderManager> orders_;
  std::unique_ptr<Kernel> kernel_;
  std::vector<execution::SymbolHandle> handles_;
  std::vector<strategy::MarketInfo> infos_;
  std::vector<std::size_t> next_funding_;
  std::vector<std::pair<std::size_t, market::Candle>> closing_;
  // Sorted by (due, sequence); the ones before next_signal_ are delivered.
  std::vector<QueuedSignal> signals_;
  std::size_t next_signal_ = 0;
  std::uint64_t signal_sequence_ = 0;
  std::optional<core::Timestamp> last_close_;
  std::optional<core::Timestamp> last_instant_;
  std::uint64_t candles_ = 0;
  std::uint64_t detail_candles_ = 0;
  std::size_t signals_delivered_ = 0;
  std::size_t signals_before_data_ = 0;
  bool started_ = false;
};

}  // namespace sigtrader::engine
