#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/paper_session.hpp"
#include "market/candle_series.hpp"
#include "market/funding_rates.hpp"
#include "signals/signal_classifier.hpp"
#include "storage/store.hpp"
#include "strategy/signal_outcome.hpp"

// The paper run shared by `sigtrader run --mode paper` and `sigtrader demo`: open (or resume) the
// session of a setup, pace it against the wall clock with signals from the store, stop cleanly on
// SIGINT/SIGTERM, and say how it ended.
namespace sigtrader::app {

// A paper setup with its candles, kept in memory for the whole run (the session replays spans).
struct PaperSetup {
  struct Market {
    market::CandleSeries candles;
    std::optional<market::CandleSeries> detail;
    std::vector<market::FundingRate> funding;
  };
  engine::BacktestConfig backtest;
  std::vector<Market> markets;  // in the order of backtest.markets
};

// Reads a backtest-format setup and every data file it names; data with gaps, duplicates or bad
// rows is warned about under `command`.
core::Result<PaperSetup> load_paper_setup(const std::filesystem::path& setup,
                                          std::string_view command);
// The same for a config already read.
core::Result<PaperSetup> load_setup_data(engine::BacktestConfig config, std::string_view command);

// Where the parts around a paper run plug in: the demo's feed of posts, and the API server, whose
// threads reach the session only through these calls, made on the run's thread.
struct PaperRunHooks {
  // Once the session is open (started, or resumed after its replay), before the first step.
  std::function<core::Status(engine::PaperSession&)> on_open;
  // When the instant `next` is due, just before it is processed (see
  // engine::PaperRunOptions::before_step).
  std::function<core::Status(core::Timestamp next)> before_step;
  // After every step.
  std::function<void(const engine::PaperStatus&)> after_step;
};

struct PaperRunRequest {
  std::string command = "run";  // names the command in messages
  double speed = 1;             // simulated seconds per wall second; 0: as fast as possible
  std::string session = "default";
  bool new_session = false;
  std::int64_t max_steps = 0;  // 0: no limit
  std::string user = "paper";  // created when missing; the session's orders are this user's
};

// How a run ended and what it did.
struct PaperRunResult {
  engine::PaperRunEnd end = engine::PaperRunEnd::kFinished;
  engine::PaperStatus status;
  core::Money starting_balance;
  // One per long/short signal the strategy received, when it is the signal follower.
  std::vector<strategy::SignalOutcome> outcomes;
};

// The id of the user called `name`, created when missing.
core::Result<core::UserId> ensure_user(storage::Store& store, const std::string& name);

// Runs the paper session of `setup` under `config`'s [paper], [risk] and [event_log] sections:
// imports the [paper] signal files, opens or resumes the session, prints its banner, status lines
// and how it ended, and returns. SIGINT and SIGTERM stop it after the current step.
core::Result<PaperRunResult> run_paper_session(const PaperRunRequest& request,
                                               const PaperSetup& setup,
                                               const config::Config& config, storage::Store& store,
                                               const signals::SignalClassifier& classifier,
                                               const PaperRunHooks& hooks = {});

}  // namespace sigtrader::app
