// `sigtrader backtest --config FILE [--json OUT] [--html OUT] [--timeframe-detail 1m]
// [--check-lookahead] [--progress auto|always|never]`: runs a strategy over historical candles
// through the same kernel as paper and live trading, prints a summary and writes the reports.
// With --signals FILE... --data DIR it backtests signal channels instead
// (channel_backtest_command.cpp).
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "app/atomic_file.hpp"
#include "app/channel_backtest_command.hpp"
#include "app/commands.hpp"
#include "app/market_feeds.hpp"
#include "app/paper_run.hpp"
#include "app/progress_bar.hpp"
#include "app/report_error.hpp"
#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"
#include "engine/backtest_report_html.hpp"
#include "engine/backtest_report_json.hpp"
#include "engine/lookahead_check.hpp"
#include "market/candle_loader.hpp"
#include "market/funding_rates.hpp"
#include "market/timeframe.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "backtest";

struct BacktestOptions {
  std::string config_file;
  std::string json_output;
  std::string html_output;
  std::string timeframe_detail;
  std::string event_log;
  bool check_lookahead = false;
  std::size_t lookahead_runs = 5;
  std::string progress = "auto";
};

void warn_about(const market::CandleSeries& series) {
  const market::DataReport& report = series.report;
  if (report.clean()) return;
  std::string what;
  const auto add = [&what](std::string part) { what += (what.empty() ? "" : ", ") + part; };
  if (report.gap_count > 0) {
    add(fmt::format("{} gaps ({} missing candles, the first after {})", report.gap_count,
                    report.missing_candles, report.gaps.front().after.to_iso8601()));
  }
  if (report.duplicate_count > 0) add(fmt::format("{} duplicate rows", report.duplicate_count));
  if (report.out_of_order_count > 0) {
    add(fmt::format("{} rows out of order", report.out_of_order_count));
  }
  if (report.bad_row_count > 0) {
    add(fmt::format("{} bad rows skipped (first at {} {}: {})", report.bad_row_count,
                    report.location, report.bad_rows.front().line, report.bad_rows.front().reason));
  }
  std::cerr << fmt::format("sigtrader backtest: warning: {}: {}; see `sigtrader data inspect`\n",
                           series.source, what);
}

// The loaded data of every market, kept for the reruns of --check-lookahead and the HTML chart.
core::Result<std::vector<PaperSetup::Market>> load_markets(const engine::BacktestConfig& config,
                                                           std::optional<core::Duration> detail) {
  std::vector<PaperSetup::Market> loaded;
  for (std::size_t i = 0; i < config.markets.size(); ++i) {
    const engine::MarketConfig& market = config.markets[i];
    PaperSetup::Market data;
    SIGTRADER_TRY(data.candles, market::load_candles(market.data));
    warn_about(data.candles);
    if (detail) {
      if (!market.detail_data) {
        return core::Error(core::ErrorCode::kConfig,
                           fmt::format("{}: market[{}] ({}) has no detail_data file for "
                                       "--timeframe-detail {}",
                                       config.source, i, market.instrument.symbol.to_string(),
                                       market::timeframe_to_string(*detail)));
      }
      SIGTRADER_TRY(market::CandleSeries series, market::load_candles(*market.detail_data));
      if (series.timeframe != *detail) {
        return core::Error(core::ErrorCode::kInvalidArgument,
                           fmt::format("{} holds {} candles, not the {} of --timeframe-detail",
                                       series.source, market::timeframe_to_string(series.timeframe),
                                       market::timeframe_to_string(*detail)));
      }
      warn_about(series);
      data.detail = std::move(series);
    }
    if (market.funding) {
      SIGTRADER_TRY(data.funding, market::load_funding_csv(*market.funding));
    }
    loaded.push_back(std::move(data));
  }
  return loaded;
}

std::uint64_t candles_in_range(const engine::BacktestConfig& config,
                               std::span<const PaperSetup::Market> loaded) {
  std::uint64_t total = 0;
  for (auto& feed : make_feeds(config, loaded)) {
    while (feed.candles->peek() != nullptr) {
      ++total;
      feed.candles->advance();
    }
  }
  return total;
}

std::string format_ratio(double value, std::string_view suffix = "", double scale = 1.0) {
  if (!std::isfinite(value)) return "n/a";
  return fmt::format("{:.2f}{}", value * scale, suffix);
}

void print_summary(const engine::BacktestConfig& config, const engine::BacktestResult& result) {
  const analytics::PerformanceMetrics& m = result.metrics;
  std::string symbols;
  for (const engine::MarketConfig& market : config.markets) {
    symbols += (symbols.empty() ? "" : ", ") + market.instrument.symbol.to_string();
  }
  const auto line = [](std::string_view name, const std::string& value) {
    std::cout << fmt::format("  {:<24} {}\n", name, value);
  };
  std::cout << fmt::format("Backtest: {} on {}\n", config.strategy_name, symbols);
  line("period",
       fmt::format("{} .. {} ({} candles)",
                   result.first_open ? result.first_open->to_iso8601() : "-",
                   result.last_close ? result.last_close->to_iso8601() : "-", result.candles));
  line("starting equity",
       fmt::format("{} {}", result.starting_equity.to_string(), config.quote_asset));
  line("final equity", fmt::format("{} {}", result.final_equity.to_string(), config.quote_asset));
  line("total return", format_ratio(m.total_return, " %", 100));
  line("CAGR", format_ratio(m.cagr, " %", 100));
  line("max drawdown", format_ratio(m.max_drawdown, " %", 100));
  line("Sharpe / Sortino", format_ratio(m.sharpe) + " / " + format_ratio(m.sortino));
  line("trades",
       fmt::format("{} ({} won, {} lost)", m.trade_count, m.winning_trades, m.losing_trades));
  line("win rate", format_ratio(m.win_rate, " %", 100));
  line("profit factor", format_ratio(m.profit_factor));
  line("fees / slippage",
       fmt::format("{} / {}", result.total_fees.to_string(), result.total_slippage.to_string()));
  if (!result.total_funding.is_zero()) line("funding", result.total_funding.to_string());
  if (result.rejected_orders > 0) {
    line("rejected orders", fmt::format("{}, e.g.", result.rejected_orders));
    for (const std::string& example : result.rejection_examples)
      line("", example);
  }
  if (!result.trades.empty() && result.trades.back().closed_at_end) {
    line("note", "the last trade was still open and was closed at the last close");
  }
}

int run_backtest_command(const BacktestOptions& options) {
  std::optional<core::Duration> detail;
  if (!options.timeframe_detail.empty()) {
    auto parsed = market::parse_timeframe(options.timeframe_detail);
    if (!parsed) {
      report_error(kCommand, parsed.error());
      return kExitUsage;
    }
    detail = *parsed;
  }
  auto config = engine::load_backtest_config(options.config_file);
  if (!config) return report_error(kCommand, config.error());
  auto loaded = load_markets(*config, detail);
  if (!loaded) return report_error(kCommand, loaded.error());

  const ProgressMode mode = options.progress == "always"  ? ProgressMode::kAlways
                            : options.progress == "never" ? ProgressMode::kNever
                                                          : ProgressMode::kAuto;
  ProgressBar bar(std::cerr, "candles");
  engine::BacktestOptions run_options;
  if (!options.event_log.empty()) run_options.event_log_dir = options.event_log;
  if (progress_enabled(mode, isatty(STDERR_FILENO) == 1)) {
    const std::uint64_t total = std::max<std::uint64_t>(1, candles_in_range(*config, *loaded));
    run_options.progress = [&bar, total](std::uint64_t done, core::Timestamp) {
      bar.update(static_cast<double>(done) / static_cast<double>(total),
                 static_cast<std::int64_t>(done));
    };
  }
  auto result = engine::run_backtest(*config, make_feeds(*config, *loaded), run_options);
  bar.finish();
  if (!result) return report_error(kCommand, result.error());
  print_summary(*config, *result);

  if (!options.json_output.empty()) {
    auto written =
        write_atomically(options.json_output, engine::backtest_report_text(*config, *result));
    if (!written) return report_error(kCommand, written.error());
  }
  if (!options.html_output.empty()) {
    std::vector<std::span<const market::Candle>> prices;
    for (const PaperSetup::Market& data : *loaded)
      prices.emplace_back(data.candles.candles);
    auto written = write_atomically(options.html_output,
                                    engine::backtest_report_html(*config, *result, prices));
    if (!written) return report_error(kCommand, written.error());
  }

  if (options.check_lookahead) {
    auto report = engine::check_lookahead(
        *config, *result,
        [&](core::Timestamp cut) {
          return engine::run_backtest(*config, make_feeds(*config, *loaded, cut));
        },
        options.lookahead_runs);
    if (!report) return report_error(kCommand, report.error());
    std::cout << "Lookahead check:\n";
    for (const engine::LookaheadRun& run : report->runs) {
      std::cout << fmt::format("  cut at {}: {} decisions compared, {}\n", run.cut.to_iso8601(),
                               run.decisions, run.difference ? "CHANGED" : "same");
      if (run.difference) std::cout << "    " << *run.difference << "\n";
    }
    if (!report->clean()) {
      std::cerr << "sigtrader backtest: the strategy decided differently on truncated data: it "
                   "uses information from the future\n";
      return kExitFailed;
    }
    std::cout << "  no decision changed: no lookahead found\n";
  }
  return kExitOk;
}

}  // namespace

void register_backtest_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<BacktestOptions>();
  auto channel = std::make_shared<ChannelBacktestOptions>();
  CLI::App* command = app.add_subcommand(
      "backtest",
      "Run a strategy over historical candles and report trades and metrics; with --signals, "
      "replay signal channels against candles and report every signal's outcome");
  command
      ->add_option("--config", options->config_file,
                   "Backtest config (TOML); with --signals optional: the account, simulated "
                   "exchange and [strategy.params] of the signal follower")
      ->type_name("FILE");
  command->add_option("--json", options->json_output, "Write the JSON report to OUT")
      ->type_name("OUT");
  command->add_option("--html", options->html_output, "Write the HTML report to OUT")
      ->type_name("OUT");
  command
      ->add_option("--signals", channel->signal_files,
                   "Channel posts to backtest: Telegram Desktop exports (.json) or JSON lines "
                   "(.jsonl); several files are read in order")
      ->type_name("FILE...");
  command
      ->add_option("--data", channel->data_dir,
                   "With --signals: the folder of candle files, looked up by symbol (Binance "
                   "BTCUSDT-1m-2024-01-01.csv, freqtrade BTC_USDT-1m.json)")
      ->type_name("DIR");
  command
      ->add_option("--timeframe", channel->timeframe,
                   "With --signals: use candles of this timeframe (default: each symbol's "
                   "smallest)")
      ->type_name("TIMEFRAME");
  command
      ->add_option("--db", channel->db,
                   "With --signals: import into this database and store each channel's outcomes "
                   "in channel_stats (default: an in-memory database)")
      ->type_name("PATH");
  command
      ->add_option("--latency", channel->latency_seconds,
                   "With --signals: seconds from a post to its classification (default 0)")
      ->type_name("SECONDS");
  command
      ->add_option("--timeframe-detail", options->timeframe_detail,
                   "Match orders against each market's detail_data of this lower timeframe "
                   "(e.g. 1m) to resolve which of a stop and a target was hit first")
      ->type_name("TIMEFRAME");
  command
      ->add_option("--event-log", options->event_log,
                   "Write every order, fill and position event to DIR/YYYY-MM-DD/events-HH.jsonl "
                   "(simulated time)")
      ->type_name("DIR");
  command->add_flag("--check-lookahead", options->check_lookahead,
                    "Re-run on data cut at random points (backtest.seed) and report any decision "
                    "that changes");
  command
      ->add_option("--lookahead-runs", options->lookahead_runs,
                   "How many cut runs --check-lookahead makes")
      ->check(CLI::Range(1, 1000));
  command->add_option("--progress", options->progress, "Progress bar on stderr")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("auto|always|never");
  command->callback([&context, options, channel] {
    if (!channel->signal_files.empty() || !channel->data_dir.empty()) {
      if (channel->signal_files.empty() || channel->data_dir.empty()) {
        throw CLI::ValidationError("--signals and --data", "a channel backtest needs both");
      }
      channel->config_file = options->config_file;
      channel->json_output = options->json_output;
      channel->html_output = options->html_output;
      context.action = [&context, channel] {
        return run_channel_backtest_command(*channel, context);
      };
      return;
    }
    if (options->config_file.empty()) {
      throw CLI::RequiredError("--config (or --signals with --data)");
    }
    context.action = [options] { return run_backtest_command(*options); };
  });
}

}  // namespace sigtrader::app
