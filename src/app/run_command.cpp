// `sigtrader run --mode paper [--setup FILE] [--speed X] [--name NAME] [--new-session]
// [--max-steps N] [--db PATH]`: trades the setup's strategy on a simulated exchange fed by its
// candle files, paced against the wall clock, with signals from the database (the [paper] signal
// files and import folder are imported into it). Everything is stored as it happens; SIGINT or
// SIGTERM stops after the current step, and running the same command again resumes the session.
// `--mode live` needs exchange adapters, which do not exist yet: it says so and exits 2.
#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/effective_config.hpp"
#include "app/paper_run.hpp"
#include "app/report_error.hpp"
#include "app/served_paper_run.hpp"
#include "app/store_opening.hpp"
#include "config/config.hpp"

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
  bool serve = false;  // the API and dashboard alongside the run
  ServeFlags serve_flags;
};

int run_paper(const RunOptions& options, const config::Config& config, CliContext& context) {
  const config::PaperConfig& paper = config.paper;
  const std::string setup = !options.setup.empty() ? options.setup : paper.setup.value_or("");
  if (setup.empty()) {
    std::cerr << "sigtrader run: paper mode needs a setup: set paper.setup in the config to a "
                 "backtest-format TOML (markets, data, strategy) or pass --setup FILE\n";
    return kExitUsage;
  }
  auto loaded = load_paper_setup(setup, kCommand);
  if (!loaded.ok()) return report_error(kCommand, loaded.error());
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(kCommand, classifier.error());

  PaperRunRequest request;
  request.command = std::string(kCommand);
  request.speed = options.speed.value_or(paper.speed);
  request.session = options.name.empty() ? paper.name : options.name;
  request.new_session = options.new_session;
  request.max_steps = options.max_steps;
  request.user = std::string(kPaperUser);
  std::unique_ptr<ServedPaperRun> served;
  PaperRunHooks hooks;
  if (options.serve) {
    auto started =
        ServedPaperRun::start(config, (*store)->path(), options.serve_flags, **classifier);
    if (!started.ok()) return report_error(kCommand, started.error());
    served = std::move(*started);
    hooks = served->hooks();
    std::cout << fmt::format("API and dashboard on http://{}:{}\n",
                             options.serve_flags.host.value_or(config.api.host),
                             served->server().port())
              << std::flush;
  }
  auto result = run_paper_session(request, *loaded, config, **store, **classifier, hooks);
  if (served) served->run_ended();
  if (!result.ok()) return report_error(kCommand, result.error());
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
  command->add_flag("--serve", options->serve,
                    "Serve the API, event stream and dashboard while the paper run goes on");
  command->add_option("--port", options->serve_flags.port,
                      "Port of the served API (default: api.port; 0 picks a free one)");
  command->callback([&context, options] {
    context.action = [&context, options] { return run_command(*options, context); };
  });
}

}  // namespace sigtrader::app
