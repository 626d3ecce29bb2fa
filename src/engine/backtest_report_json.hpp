#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"

namespace sigtrader::engine {

// The JSON report of a run: the config echoed, a summary, every metric, every trade (entry and
// exit time and price, quantity, fees, slippage, PnL, why it closed) and the equity curve.
// Money is written as exact decimal strings, times as ISO-8601 UTC. Nothing in it depends on the
// machine, the folder or the time of the run, so the same inputs give the same bytes.
boost::json::object backtest_report_json(const BacktestConfig& config,
                                         const BacktestResult& result);

// The config as the report echoes it: markets (data files by name), exchange settings, period
// and strategy with its parameters and exits.
boost::json::object backtest_config_json(const BacktestConfig& config);

// The report as text, one key per line at the top level for readable diffs.
std::string backtest_report_text(const BacktestConfig& config, const BacktestResult& result);

}  // namespace sigtrader::engine
