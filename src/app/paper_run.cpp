#include "app/paper_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/message_import.hpp"
#include "app/risk_setup.hpp"
#include "app/stop_signals.hpp"
#include "bus/event_log.hpp"
#include "engine/pacer.hpp"
#include "market/candle_loader.hpp"
#include "strategy/signal_follower.hpp"

namespace sigtrader::app {

namespace {

std::vector<engine::PaperMarketData> market_data(const PaperSetup& setup) {
  std::vector<engine::PaperMarketData> data;
  for (const PaperSetup::Market& market : setup.markets) {
    engine::PaperMarketData entry;
    entry.candles = market.candles.candles;
    entry.timeframe = market.candles.timeframe;
    if (market.detail) {
      entry.detail = market.detail->candles;
      entry.detail_timeframe = market.detail->timeframe;
    }
    entry.funding = market.funding;
    data.push_back(std::move(entry));
  }
  return data;
}

// Imports the files of a folder that are new or changed since the last look (by size and time).
class ImportFolder {
 public:
  ImportFolder(std::filesystem::path dir, storage::Store& store,
               const signals::SignalClassifier& classifier, std::string_view command)
      : dir_(std::move(dir)), store_(store), classifier_(classifier), command_(command) {}

  core::Status scan() {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir_, ec)) return {};  // not created yet
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file(ec) && (extension == ".jsonl" || extension == ".json")) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());  // a deterministic order within one look
    for (const std::filesystem::path& file : files) {
      const auto size = std::filesystem::file_size(file, ec);
      const auto time = std::filesystem::last_write_time(file, ec);
      if (ec) continue;
      auto& seen = seen_[file.string()];
      if (seen && seen->first == size && seen->second == time) continue;
      seen = std::make_pair(size, time);
      if (auto imported = import_signal_file(store_, classifier_, file, command_); !imported.ok()) {
        // A bad file is reported and left; the run goes on.
        spdlog::warn("{}: {}", command_, imported.error().message());
      }
    }
    return {};
  }

 private:
  using Seen = std::optional<std::pair<std::uintmax_t, std::filesystem::file_time_type>>;
  std::filesystem::path dir_;
  storage::Store& store_;
  const signals::SignalClassifier& classifier_;
  std::string command_;
  std::map<std::string, Seen> seen_;
};

// Each backtested channel's record (channel_stats, filled by `backtest --signals --db`), for the
// trust-weighted sizing of its signals.
core::Result<std::map<std::string, risk::ChannelTrust>> channel_trust(storage::Store& store) {
  SIGTRADER_TRY(const std::vector<storage::ChannelStatsRow> rows, store.list_channel_stats());
  std::map<std::string, risk::ChannelTrust> trust;
  for (const storage::ChannelStatsRow& row : rows) {
    if (!row.wins || !row.losses || !row.win_rate) continue;
    trust[row.channel_id.str()] = risk::ChannelTrust{*row.win_rate, row.avg_win_r.value_or(0),
                                                     static_cast<int>(*row.wins + *row.losses)};
  }
  return trust;
}

std::string status_line(const engine::PaperStatus& status) {
  return fmt::format(
      "paper {} step {}: equity {} {}, cash {} {}, {} open position{}, {} open order{}; orders "
      "sent {}, fills {}, signals delivered {} (pending {})",
      status.instant ? status.instant->to_iso8601() : std::string("-"), status.steps,
      status.equity.to_string(), status.quote_asset, status.cash.to_string(), status.quote_asset,
      status.open_positions, status.open_positions == 1 ? "" : "s", status.open_orders,
      status.open_orders == 1 ? "" : "s", status.orders_sent, status.fills,
      status.signals_delivered, status.signals_pending);
}

void print_banner(const engine::PaperSession& run, const PaperSetup& setup, double speed) {
  const auto& sim = run.sim();
  if (run.resumed()) {
    std::cout << fmt::format("Paper session '{}' (id {}): resumed at {} after replaying {} steps\n",
                             run.name(), run.id().value(),
                             sim.last_instant() ? sim.last_instant()->to_iso8601() : "the start",
                             run.replayed_steps());
  } else {
    std::cout << fmt::format("Paper session '{}' (id {}): started at {} ({}, speed {})\n",
                             run.name(), run.id().value(), sim.first_open().to_iso8601(),
                             setup.backtest.strategy_name, speed);
  }
  std::cout.flush();
}

void print_end(engine::PaperRunEnd end, std::int64_t max_steps) {
  switch (end) {
    case engine::PaperRunEnd::kFinished:
      std::cout << "Paper session finished: the market data ran out\n";
      break;
    case engine::PaperRunEnd::kStopped:
      std::cout << "Paper session stopped; run the same command again to resume it\n";
      break;
    case engine::PaperRunEnd::kStepLimit:
      std::cout << fmt::format(
          "Paper session stopped after {} steps; run the same command again "
          "to resume it\n",
          max_steps);
      break;
  }
  std::cout.flush();
}

}  // namespace

core::Result<PaperSetup> load_paper_setup(const std::filesystem::path& setup,
                                          std::string_view command) {
  SIGTRADER_TRY(engine::BacktestConfig config, engine::load_backtest_config(setup));
  return load_setup_data(std::move(config), command);
}

core::Result<PaperSetup> load_setup_data(engine::BacktestConfig config, std::string_view command) {
  PaperSetup loaded;
  loaded.backtest = std::move(config);
  for (const engine::MarketConfig& market : loaded.backtest.markets) {
    PaperSetup::Market data;
    SIGTRADER_TRY(data.candles, market::load_candles(market.data));
    if (!data.candles.report.clean()) {
      spdlog::warn(
          "{}: {}: the data has gaps, duplicates or bad rows; see `sigtrader data "
          "inspect`",
          command, data.candles.source);
    }
    if (market.detail_data) {
      SIGTRADER_TRY(market::CandleSeries detail, market::load_candles(*market.detail_data));
      data.detail = std::move(detail);
    }
    if (market.funding) {
      SIGTRADER_TRY(data.funding, market::load_funding_csv(*market.funding));
    }
    loaded.markets.push_back(std::move(data));
  }
  return loaded;
}

core::Result<core::UserId> ensure_user(storage::Store& store, const std::string& name) {
  auto found = store.find_user(name);
  if (found.ok()) return found->id;
  if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
  core::LiveClock clock;
  SIGTRADER_TRY(const storage::UserRow created, store.create_user(name, clock.now()));
  return created.id;
}

core::Result<PaperRunResult> run_paper_session(const PaperRunRequest& request,
                                               const PaperSetup& setup,
                                               const config::Config& config, storage::Store& store,
                                               const signals::SignalClassifier& classifier,
                                               const PaperRunHooks& hooks) {
  const config::PaperConfig& paper = config.paper;
  for (const std::string& file : paper.signals) {
    SIGTRADER_RETURN_IF_ERROR(import_signal_file(store, classifier, file, request.command));
  }
  SIGTRADER_TRY(const core::UserId user, ensure_user(store, request.user));
  SIGTRADER_TRY(const risk::RiskEngineConfig risk, risk_engine_config(config.risk));
  SIGTRADER_TRY(auto trust, channel_trust(store));

  SIGTRADER_TRY(std::unique_ptr<engine::PaperSession> session,
                engine::PaperSession::open(
                    store, setup.backtest, market_data(setup),
                    engine::PaperSessionOptions{
                        .user = user,
                        .name = request.session,
                        .new_session = request.new_session,
                        .classification_latency = paper.classification_latency,
                        .wall_clock = nullptr,
                        .risk = risk,
                        .gate = engine::RiskGateOptions{.channel_trust = std::move(trust)},
                    }));
  engine::PaperSession& run = *session;
  print_banner(run, setup, request.speed);

  std::unique_ptr<bus::EventLog> event_log;
  if (config.event_log.enabled) {
    SIGTRADER_TRY(event_log, bus::EventLog::open(bus::EventLogOptions{config.event_log.dir,
                                                                      config.event_log.mask_keys}));
    event_log->attach_all(run.bus());
  }
  if (hooks.on_open) SIGTRADER_RETURN_IF_ERROR(hooks.on_open(run));

  StopSignals stop_signals;
  core::LiveClock wall;
  std::unique_ptr<engine::Pacer> pacer;
  if (request.speed > 0) {
    pacer = std::make_unique<engine::WallClockPacer>(
        request.speed, wall,
        [](core::Duration wait) {
          std::this_thread::sleep_for(std::chrono::nanoseconds(wait.count_ns()));
        },
        &stop_flag());
  } else {
    pacer = std::make_unique<engine::UnpacedPacer>();
  }
  std::optional<ImportFolder> folder;
  if (paper.import_dir) folder.emplace(*paper.import_dir, store, classifier, request.command);

  engine::PaperRunOptions options;
  options.pacer = pacer.get();
  options.stop = &stop_flag();
  if (request.max_steps > 0) options.max_steps = request.max_steps;
  options.poll_interval = paper.poll_interval;
  options.wall_clock = &wall;
  if (folder) options.before_poll = [&folder] { return folder->scan(); };
  options.status_every = paper.status_every;
  options.on_status = [](const engine::PaperStatus& status) {
    std::cout << status_line(status) << '\n';
    std::cout.flush();
  };
  options.before_step = hooks.before_step;
  options.after_step = hooks.after_step;

  PaperRunResult result;
  SIGTRADER_TRY(result.end, engine::run_paper(run, options));
  print_end(result.end, request.max_steps);
  result.status = run.status();
  result.starting_balance = setup.backtest.starting_balance;
  if (const strategy::SignalFollower* follower = run.follower()) {
    result.outcomes = follower->outcomes();
  }
  return result;
}

}  // namespace sigtrader::app
