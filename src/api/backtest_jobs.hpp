#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include <boost/json/object.hpp>

#include "api/store_access.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "storage/rows.hpp"

namespace sigtrader::api {

// What a finished backtest hands back: its metrics (kept in the backtests row) and the report the
// dashboard draws (docs/api.md: metrics, equity, candles, trades), kept as a file.
struct BacktestOutcome {
  boost::json::object metrics;
  boost::json::object report;
};
// Runs the backtest a TOML config describes (the program's backtest, provided by the app).
using BacktestRunner = std::function<core::Result<BacktestOutcome>(const std::string& toml)>;

// Backtests asked for through the API, run one at a time on a worker thread of their own (a
// backtest can take minutes; requests must not wait, and two at once would starve the engine):
// each is a backtests row, "running" until it is "finished" (report in reports_dir/<id>.json) or
// "failed" (the error in metrics_json.error).
class BacktestJobs {
 public:
  BacktestJobs(StoreAccess& store, BacktestRunner runner, std::filesystem::path reports_dir,
               const core::Clock& clock);
  ~BacktestJobs();  // finishes the backtest in progress; queued ones stay "running" in the store
  BacktestJobs(const BacktestJobs&) = delete;
  BacktestJobs& operator=(const BacktestJobs&) = delete;

  bool available() const { return static_cast<bool>(runner_); }
  // Stores the row and queues the run; the caller holds the store (a request handler).
  core::Result<storage::BacktestRow> submit(storage::Store& store, core::UserId user,
                                            std::string name, std::string toml);

 private:
  void work();
  void finish(storage::BacktestRow row, core::Result<BacktestOutcome> outcome);

  StoreAccess& store_;
  BacktestRunner runner_;
  std::filesystem::path reports_dir_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<storage::BacktestRow> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace sigtrader::api
