#include "api/backtest_jobs.hpp"

#include <fstream>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace sigtrader::api {

BacktestJobs::BacktestJobs(StoreAccess& store, BacktestRunner runner,
                           std::filesystem::path reports_dir, const core::Clock& clock)
    : store_(store),
      runner_(std::move(runner)),
      reports_dir_(std::move(reports_dir)),
      clock_(clock) {
  if (runner_) worker_ = std::thread([this] { work(); });
}

BacktestJobs::~BacktestJobs() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

core::Result<storage::BacktestRow> BacktestJobs::submit(storage::Store& store, core::UserId user,
                                                        std::string name, std::string toml) {
  if (!runner_) {
    return core::Error(core::ErrorCode::kUnavailable, "this server does not run backtests");
  }
  storage::BacktestRow row;
  row.user_id = user;
  row.name = std::move(name);
  row.status = "running";
  row.config_toml = std::move(toml);
  row.started_at = clock_.now();
  SIGTRADER_TRY(row.id, store.insert_backtest(row));
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(row);
  }
  wake_.notify_one();
  return row;
}

void BacktestJobs::work() {
  for (;;) {
    storage::BacktestRow row;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      row = std::move(queue_.front());
      queue_.pop_front();
    }
    finish(row, runner_(row.config_toml));
  }
}

void BacktestJobs::finish(storage::BacktestRow row, core::Result<BacktestOutcome> outcome) {
  row.finished_at = clock_.now();
  if (outcome.ok()) {
    std::error_code ignored;
    std::filesystem::create_directories(reports_dir_, ignored);
    const auto path = reports_dir_ / fmt::format("{}.json", row.id.value());
    std::ofstream(path) << boost::json::serialize(outcome->report);
    row.status = "finished";
    row.metrics_json = boost::json::serialize(outcome->metrics);
    row.report_path = path.string();
  } else {
    row.status = "failed";
    row.metrics_json =
        boost::json::serialize(boost::json::object{{"error", outcome.error().message()}});
  }
  const core::Status stored =
      store_.with([&](storage::Store& store) { return store.finish_backtest(row); });
  if (!stored.ok()) {
    spdlog::error("api: storing backtest {}: {}", row.id.value(), stored.error().message());
  }
}

}  // namespace sigtrader::api
