#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analytics/metrics.hpp"
#include "analytics/metrics_input.hpp"
#include "bus/events.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/decision.hpp"
#include "engine/sim_session.hpp"
#include "engine/trade_tracker.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine {

struct BacktestOptions {
  // Called every `progress_every` candles and at the end with (candles done, first open time of
  // the data, time reached).
  std::function<void(std::uint64_t, core::Timestamp)> progress;
  std::uint64_t progress_every = 1 << 16;
  // When set, every event of the run (orders, fills, positions) is written to this folder's
  // YYYY-MM-DD/events-HH.jsonl files, by simulated time.
  std::optional<std::filesystem::path> event_log_dir;
  // Keep every order decision in the result (the lookahead check compares them).
  bool record_decisions = true;
  // Classified signals handed to the strategy through Kernel::on_signal during the run (in any
  // order; the span must outlive the call). Signal i is delivered at its header.ts_init +
  // classification_latency (DESIGN.md §2), never at its post time; see run_backtest.
  std::span<const bus::SignalEvent> signals;
  // The modelled time from receiving a post to having its classification. 0 by default: the
  // ts_init of a replayed signal already includes whatever the replay put there.
  core::Duration classification_latency;
};

// What a run produced: everything the reports print.
struct BacktestResult {
  std::vector<analytics::EquityPoint> equity;
  std::vector<TradeRecord> trades;
  std::vector<Decision> decisions;  // empty unless BacktestOptions::record_decisions
  std::size_t orders = 0;           // orders sent
  analytics::PerformanceMetrics metrics;
  core::Money starting_equity;
  core::Money final_equity;
  core::Money total_fees;
  core::Money total_slippage;
  core::Money total_funding;
  std::uint64_t candles = 0;         // main-timeframe candles the strategy saw
  std::uint64_t detail_candles = 0;  // lower-timeframe candles the exchange matched against
  std::size_t rejected_orders = 0;
  std::size_t signals_delivered = 0;            // handed to the strategy
  std::size_t signals_before_data = 0;          // due before the first candle opened: dropped
  std::size_t signals_after_data = 0;           // due after the last candle closed: dropped
  std::vector<std::string> rejection_examples;  // the first few, with their reasons
  core::Duration period;                        // spacing of the equity curve
  std::optional<core::Timestamp> first_open;
  std::optional<core::Timestamp> last_close;
};

// Runs the config's strategy over the feeds (one per market, in config order) through the same
// Kernel, OrderManager and SimExchange a paper run uses: a loop over SimSession::step()
// (sim_session.hpp), recording equity after each close. Candles are merged by close time (ties
// in market order); for each close time the exchange first matches the candles (or their detail
// candles) along the intrabar path, funding settles, then the strategy sees the closed candles,
// and one equity point is recorded. A position still open after the last candle is closed at its
// close with the taker fee, and its trade is marked closed_at_end.
//
// Signals (BacktestOptions::signals) are interleaved by delivery time d = ts_init +
// classification_latency: every candle (and detail candle) closing at or before d is processed
// first, with its fills, then the clock moves to exactly d and the strategy gets the signal, then
// later candles follow. Signals due at one instant keep their input order. Orders placed from
// on_signal are stamped d and go live at d + the exchange latency, so they meet only the path
// points at or after that instant (the rest of the candle in progress, then later candles), never
// a candle that had closed. Signals due before the first candle's open or after the last close are
// dropped and counted (signals_before_data, signals_after_data).
core::Result<BacktestResult> run_backtest(const BacktestConfig& config,
                                          std::vector<MarketFeed> feeds,
                                          const BacktestOptions& options = {});

// The same with a strategy built elsewhere (tests, benchmarks); config.strategy_name and its
// parameters are not used.
core::Result<BacktestResult> run_backtest(const BacktestConfig& config,
                                          strategy::Strategy& strategy,
                                          std::vector<MarketFeed> feeds,
                                          const BacktestOptions& options = {});

}  // namespace sigtrader::engine
