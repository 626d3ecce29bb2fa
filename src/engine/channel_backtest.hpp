#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "bus/events.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/channel_summary.hpp"
#include "engine/risk_gate.hpp"
#include "engine/signal_result.hpp"
#include "market/candle_series.hpp"
#include "risk/risk_engine.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::engine {

// What a channel backtest trades with.
struct ChannelBacktestSetup {
  // The simulated account and exchange: starting_balance, quote_asset, fees, slippage, latency,
  // partial fills, history_length. `markets` may name instruments (tick, step, minimums, kind,
  // leverage) for symbols; every other symbol gets default_instrument(). strategy_name,
  // parameters, exits, from and to are not used.
  BacktestConfig exchange;
  strategy::SignalFollowerConfig follower;
  // Channels (by id) whose signals follow their own config instead of `follower`.
  std::map<std::string, strategy::SignalFollowerConfig> channel_followers;
  risk::RiskEngineConfig risk;
  RiskGateOptions gate;
  // The modelled time from a post to its classification: a signal reaches the strategy at its
  // ts_init + this.
  core::Duration classification_latency;
};

// The candles of a symbol, or why there are none (the message goes into the signal's reasons).
using CandleLookup = std::function<core::Result<market::CandleSeries>(const core::Symbol&)>;

struct ChannelBacktestResult {
  // One per long/short signal (the first version of each post), ordered by post time, then
  // channel, then message id.
  std::vector<SignalResult> signals;
  std::vector<ChannelSummary> channels;     // by channel id
  std::vector<bus::RiskEvent> risk_events;  // every risk decision and breaker transition
  // The candles each traded symbol was run on (for charts), by symbol.
  std::map<core::Symbol, market::CandleSeries> candles;
};

// A perpetual of `symbol` on the "sim" venue for a symbol the setup does not describe: tick
// 1e-8 (the finest price step of the venues we know), a quantity step of the largest power of
// ten worth at most 0.01 of the quote at `reference` (at least 1e-8, at most 1), no minimum
// order. Perpetual, so shorts can be followed; leverage 1.
core::Instrument default_instrument(const core::Symbol& symbol, core::Price reference);

// Replays channel signals against candles through the same kernel, order manager and simulated
// exchange as a backtest, once per channel, each with its own fresh account and risk engine, so
// one channel's results never depend on another's. Signals are the events of
// engine::replay_signals (long/short/update/none, every version of a post): long/short become
// positions through the signal follower, sized and checked by the risk engine (RiskGate); updates
// move stops, close or cancel.
//
// A long/short signal gets no_data when its symbol has no candles (lookup error) or its post
// time is outside them; rejected when the follower skips it or risk refuses it; a position still
// open when its symbol's data ends is closed at the last close with the taker fee and is
// `partial`. Signals quoted in another asset than the account's are rejected.
core::Result<ChannelBacktestResult> run_channel_backtest(const ChannelBacktestSetup& setup,
                                                         std::span<const bus::SignalEvent> events,
                                                         const CandleLookup& candles);

}  // namespace sigtrader::engine
