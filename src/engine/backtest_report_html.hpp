#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"
#include "market/candle.hpp"

namespace sigtrader::engine {

// A self-contained HTML page (no scripts, no external files): the summary and metrics, the equity
// curve, the drawdown, each market's closes with the trades' entries (▲ long, ▼ short) and exits
// (● green for a win, red for a loss), and the trade list. `prices` holds each market's candles
// in config order (may be empty for a market, which then gets no price chart).
std::string backtest_report_html(const BacktestConfig& config, const BacktestResult& result,
                                 const std::vector<std::span<const market::Candle>>& prices);

}  // namespace sigtrader::engine
