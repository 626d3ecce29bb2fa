#pragma once

#include <filesystem>

#include "api/backtest_jobs.hpp"

namespace sigtrader::app {

// Runs POST /api/v1/backtests: the TOML is read like `sigtrader backtest --config` reads a file,
// with data paths taken from `data_dir`; a path that leaves that folder is refused (an API caller
// must not make the server read any file it likes). The report holds the metrics, the equity
// curve, the first market's candles (at most kReportCandles, evenly thinned) and every trade's
// entry and exit as markers.
api::BacktestRunner make_backtest_runner(std::filesystem::path data_dir);

inline constexpr std::size_t kReportCandles = 1500;

}  // namespace sigtrader::app
