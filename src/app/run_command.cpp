// `sigtrader run --mode paper [--setup FILE] [--speed X] [--name NAME] [--new-session]
// [--max-steps N] [--db PATH]`: trades the setup's strategy on a simulated exchange fed by its
// candle files, paced against the wall clock, with signals from the database (the [paper] signal
// files and import folder are imported into it). Everything is stored as it happens; SIGINT or
// SIGTERM stops after the current step, and running the same command again resumes the session.
// `--mode live` needs exchange adapters, which do not exist yet: it says so and exits 2.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/effective_config.hpp"
#include "app/message_import.hpp"
#include "app/report_error.hpp"
#include "app/risk_setup.hpp"
#include "app/store_opening.hpp"
#include "bus/event_log.hpp"
#include "config/config.hpp"
#include "engine/backtest_config.hpp"
#include "engine/pacer.hpp"
#include "engine/paper_session.hpp"
#include "market/candle_loader.hpp"
#include "market/funding_rates.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "run";
// The user a paper session's orders and snapshots belong to until users are managed.
constexpr std::string_view kPaperUser = "paper";

struct RunOptions {
  std::string mode;  // empty: the config's general.mode
  std::string setup;
  std::optional<double> speed;
  std::string name;
  bool new_session = false;
  std::int64_t max_steps = 0;  // 0: no limit
  std::string db;
};

// Set from SIGINT/SIGTERM; the run loop stops after its current step.
std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) {
  g_stop_requested.store(true);
}

// Installs the stop handlers for its lifetime.
class StopSignals {
 public:
  StopSignals() {
    g_stop_requested.store(false);
    previous_int_ = std::signal(SIGINT, request_stop);
    previous_term_ = std::signal(SIGTERM, request_stop);
  }
  ~StopSignals() {
    std::signal(SIGINT, previous_int_);
    std::signal(SIGTERM, previous_term_);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  void (*previous_int_)(int) = SIG_DFL;
  void (*previous_term_)(int) = SIG_DFL;
};

// The candles of every market, kept in memory for the whole run (the session replays spans).
struct LoadedMarket {
  market::CandleSeries candles;
  std::optional<market::CandleSeries> detail;
  std::vector<market::FundingRate> funding;
};

core::Result<std::vector<LoadedMarket>> load_markets(const engine::BacktestConfig& config) {
  std::vector<LoadedMarket> loaded;
  for (const engine::MarketConfig& market : config.markets) {
    LoadedMarket data;
    SIGTRADER_TRY(data.candles, market::load_candles(market.data));
    if (!data.candles.report.clean()) {
      spdlog::warn(
          "{}: {}: the data has gaps, duplicates or bad rows; see `sigtrader data "
          "inspect`",
          kCommand, data.candles.source);
    }
    if (market.detail_data) {
      SIGTRADER_TRY(market::CandleSeries detail, market::load_candles(*market.detail_data));
      data.detail = std::move(detail);
    }
    if (market.funding) {
      SIGTRADER_TRY(data.funding, market::load_funding_csv(*market.funding));
    }
    loaded.push_back(std::move(data));
  }
  return loaded;
}

std::vector<engine::PaperMarketData> market_data(const std::vector<LoadedMarket>& loaded) {
  std::vector<engine::PaperMarketData> data;
  for (const LoadedMarket& market : loaded) {
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
               const signals::SignalClassifier& classifier)
      : dir_(std::move(dir)), store_(store), classifier_(classifier) {}

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
      if (auto imported = import_signal_file(store_, classifier_, file, kCommand); !imported.ok()) {
        // A bad file is reported and left; the run goes on.
        spdlog::warn("{}: {}", kCommand, imported.error().message());
      }
    }
    return {};
  }

 private:
  using Seen = std::optional<std::pair<std::uintmax_t, std::filesystem::file_time_type>>;
  std::filesystem::path dir_;
  storage::Store& store_;
  const signals::SignalClassifier& classifier_;
  std::map<std::string, Seen> seen_;
};

core::Result<core::UserId> paper_user(storage::Store& store) {
  auto found = store.find_user(kPaperUser);
  if (found.ok()) return found->id;
  if (found.error().code() != core::ErrorCode::kNotFound) return found.error();
  core::LiveClock clock;
  SIGTRADER_TRY(const storage::UserRow created, store.create_user(kPaperUser, clock.now()));
  return created.id;
}

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

int run_paper(const RunOptions& options, const config::Config& config, CliContext& context) {
  const config::PaperConfig& paper = config.paper;
  const std::string setup = !options.setup.empty() ? options.setup : paper.setup.value_or("");
  if (setup.empty()) {
    std::cerr << "sigtrader run: paper mode needs a setup: set paper.setup in the config to a "
                 "backtest-format TOML (markets, data, strategy) or pass --setup FILE\n";
    return kExitUsage;
  }
  const double speed = options.speed.value_or(paper.speed);
  auto backtest = engine::load_backtest_config(setup);
  if (!backtest.ok()) return report_error(kCommand, backtest.error());
  auto loaded = load_markets(*backtest);
  if (!loaded.ok()) return report_error(kCommand, loaded.error());
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(kCommand, classifier.error());
  for (const std::string& file : paper.signals) {
    if (auto imported = import_signal_file(**store, **classifier, file, kCommand); !imported.ok()) {
      return report_error(kCommand, imported.error());
    }
  }
  auto user = paper_user(**store);
  if (!user.ok()) return report_error(kCommand, user.error());
  auto risk = risk_engine_config(config.risk);
  if (!risk.ok()) return report_error(kCommand, risk.error());
  auto trust = channel_trust(**store);
  if (!trust.ok()) return report_error(kCommand, trust.error());

  auto session =
      engine::PaperSession::open(**store, *backtest, market_data(*loaded),
                                 engine::PaperSessionOptions{
                                     .user = *user,
                                     .name = options.name.empty() ? paper.name : options.name,
                                     .new_session = options.new_session,
                                     .classification_latency = paper.classification_latency,
                                     .wall_clock = nullptr,
                                     .risk = *risk,
                                     .gate = engine::RiskGateOptions{.channel_trust = *trust},
                                 });
  if (!session.ok()) return report_error(kCommand, session.error());
  engine::PaperSession& run = **session;
  const auto& sim = run.sim();
  if (run.resumed()) {
    std::cout << fmt::format("Paper session '{}' (id {}): resumed at {} after replaying {} steps\n",
                             run.name(), run.id().value(),
                             sim.last_instant() ? sim.last_instant()->to_iso8601() : "the start",
                             run.replayed_steps());
  } else {
    std::cout << fmt::format("Paper session '{}' (id {}): started at {} ({}, speed {})\n",
                             run.name(), run.id().value(), sim.first_open().to_iso8601(),
                             backtest->strategy_name, speed);
  }
  std::cout.flush();

  std::unique_ptr<bus::EventLog> event_log;
  if (config.event_log.enabled) {
    auto opened =
        bus::EventLog::open(bus::EventLogOptions{config.event_log.dir, config.event_log.mask_keys});
    if (!opened.ok()) return report_error(kCommand, opened.error());
    event_log = std::move(*opened);
    event_log->attach_all(run.bus());
  }

  StopSignals stop_signals;
  core::LiveClock wall;
  std::unique_ptr<engine::Pacer> pacer;
  if (speed > 0) {
    pacer = std::make_unique<engine::WallClockPacer>(
        speed, wall,
        [](core::Duration wait) {
          std::this_thread::sleep_for(std::chrono::nanoseconds(wait.count_ns()));
        },
        &g_stop_requested);
  } else {
    pacer = std::make_unique<engine::UnpacedPacer>();
  }
  std::optional<ImportFolder> folder;
  if (paper.import_dir) folder.emplace(*paper.import_dir, **store, **classifier);

  engine::PaperRunOptions run_options;
  run_options.pacer = pacer.get();
  run_options.stop = &g_stop_requested;
  if (options.max_steps > 0) run_options.max_steps = options.max_steps;
  run_options.poll_interval = paper.poll_interval;
  run_options.wall_clock = &wall;
  if (folder) run_options.before_poll = [&folder] { return folder->scan(); };
  run_options.status_every = paper.status_every;
  run_options.on_status = [](const engine::PaperStatus& status) {
    std::cout << status_line(status) << '\n';
    std::cout.flush();
  };
  auto end = engine::run_paper(run, run_options);
  if (!end.ok()) return report_error(kCommand, end.error());
  switch (*end) {
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
          options.max_steps);
      break;
  }
  return kExitOk;
}

int run_command(const RunOptions& options, CliContext& context) {
  const auto& config = effective_config(context);
  if (!config.ok()) return report_error(kCommand, config.error());
  std::string mode = options.mode;
  if (mode.empty()) mode = std::string(config::enum_name(config->general.mode));
  if (mode == "live") {
    std::cerr << "sigtrader run: live mode needs an exchange adapter (Binance, Bybit, BingX), and "
                 "none is available yet; use --mode paper to trade on the simulated exchange\n";
    return kExitUsage;
  }
  if (mode == "backtest") {
    std::cerr << "sigtrader run: general.mode is backtest; run backtests with `sigtrader "
                 "backtest --config FILE`, or pass --mode paper\n";
    return kExitUsage;
  }
  return run_paper(options, *config, context);
}

}  // namespace

void register_run_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* command = app.add_subcommand(
      "run",
      "Trade a strategy: paper mode on the simulated exchange with replayed market data, "
      "resumable after a stop (live mode needs exchange adapters, not available yet)");
  command->add_option("--mode", options->mode, "paper or live (default: the config's general.mode)")
      ->check(CLI::IsMember({"paper", "live"}))
      ->type_name("MODE");
  command
      ->add_option("--setup", options->setup,
                   "Backtest-format TOML with markets, data and strategy (default: paper.setup)")
      ->type_name("FILE");
  command
      ->add_option("--speed", options->speed,
                   "Simulated seconds per wall second; 0 runs as fast as possible (default: "
                   "paper.speed)")
      ->check(CLI::Range(0.0, 1'000'000.0))
      ->type_name("X");
  command->add_option("--name", options->name, "Session name (default: paper.name)")
      ->type_name("NAME");
  command->add_flag("--new-session", options->new_session,
                    "Start a new session even when an unfinished one of this name exists (it is "
                    "marked abandoned; its rows stay)");
  command
      ->add_option("--max-steps", options->max_steps,
                   "Stop (resumably) after this many steps of this run")
      ->check(CLI::PositiveNumber)
      ->type_name("N");
  command->add_option("--db", options->db, "Database file (default: database.path)")
      ->type_name("PATH");
  command->callback([&context, options] {
    context.action = [&context, options] { return run_command(*options, context); };
  });
}

}  // namespace sigtrader::app
