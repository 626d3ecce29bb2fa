// `sigtrader backtest --signals FILE... --data DIR`: replays channels' posts against candles
// through the same kernel as paper trading and reports what each signal and each channel earned.
#include "app/channel_backtest_command.hpp"

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "app/classifier_loading.hpp"
#include "app/effective_config.hpp"
#include "app/message_import.hpp"
#include "app/report_error.hpp"
#include "app/risk_setup.hpp"
#include "app/store_opening.hpp"
#include "core/clock.hpp"
#include "engine/backtest_config.hpp"
#include "engine/channel_backtest.hpp"
#include "engine/channel_report_html.hpp"
#include "engine/channel_report_json.hpp"
#include "engine/signal_replay.hpp"
#include "market/symbol_data.hpp"
#include "market/timeframe.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "backtest";

// Imports every file into `store` and returns the channels they hold.
core::Result<std::set<std::string>> import_files(const std::vector<std::string>& files,
                                                 storage::Store& store,
                                                 const signals::SignalClassifier& classifier) {
  std::set<std::string> channels;
  for (const std::string& file : files) {
    SIGTRADER_TRY(const std::set<std::string> imported,
                  import_signal_file(store, classifier, file, kCommand));
    channels.insert(imported.begin(), imported.end());
  }
  return channels;
}

core::Result<engine::ChannelBacktestSetup> make_setup(const ChannelBacktestOptions& options,
                                                      CliContext& context) {
  engine::ChannelBacktestSetup setup;
  setup.exchange.quote_asset = "USDT";
  if (!options.config_file.empty()) {
    SIGTRADER_TRY(setup.exchange, engine::load_backtest_config(options.config_file));
    const std::string& name = setup.exchange.strategy_name;
    if (!name.empty() && name != "signal_follower") {
      return core::Error(core::ErrorCode::kConfig,
                         fmt::format("{}: strategy.name = \"{}\": a channel backtest follows "
                                     "signals; use signal_follower (or leave it out)",
                                     options.config_file, name));
    }
    SIGTRADER_TRY(setup.follower, strategy::SignalFollowerConfig::from(setup.exchange.parameters));
    SIGTRADER_TRY(setup.channel_followers,
                  strategy::channel_follower_configs(setup.exchange.parameters,
                                                     setup.exchange.channel_parameters));
  }
  const auto& config = effective_config(context);
  if (!config) return config.error();
  SIGTRADER_TRY(setup.risk, risk_engine_config(config->risk));
  setup.classification_latency =
      core::Duration::milliseconds(std::llround(options.latency_seconds * 1000));
  return setup;
}

std::string rate(const std::optional<double>& value, double scale, std::string_view suffix) {
  return value ? fmt::format("{:.2f}{}", *value * scale, suffix) : "n/a";
}

void print_summary(const engine::ChannelBacktestResult& result, std::string_view quote) {
  for (const engine::ChannelSummary& channel : result.channels) {
    std::string outcomes;
    for (const auto& [name, count] : channel.outcomes)
      outcomes += fmt::format("{}{} {}", outcomes.empty() ? "" : ", ", count, name);
    std::string levels;
    for (std::size_t i = 0; i < channel.tp_hit_rate.size(); ++i)
      levels +=
          fmt::format("{}TP{} {:.0f} %", i == 0 ? "" : ", ", i + 1, channel.tp_hit_rate[i] * 100);
    const auto line = [](std::string_view name, const std::string& value) {
      std::cout << fmt::format("  {:<20} {}\n", name, value);
    };
    std::cout << fmt::format("Channel {}\n", channel.channel.str());
    line("signals", fmt::format("{} ({})", channel.signals, outcomes));
    line("filled",
         fmt::format("{} ({} won, {} lost)", channel.filled, channel.wins, channel.losses));
    line("win rate", rate(channel.win_rate, 100, " %"));
    line("average R", rate(channel.avg_r, 1, ""));
    line("expectancy", rate(channel.expectancy, 1, fmt::format(" {} per signal", quote)));
    line("total PnL", fmt::format("{} {}", channel.total_pnl.to_string(), quote));
    line("max drawdown", fmt::format("{:.2f} %", channel.max_drawdown * 100));
    if (!levels.empty()) line("take-profit hits", levels);
    if (channel.median_time_to_tp1) {
      const std::int64_t seconds = channel.median_time_to_tp1->count_ns() / 1'000'000'000;
      line("median time to TP1", core::Duration::seconds(seconds).to_string());
    }
  }
}

// Writes each channel's outcomes into channel_stats, where the trust-weighted sizer reads them.
core::Status store_outcomes(storage::Store& store, const engine::ChannelBacktestResult& result) {
  const core::Timestamp now = core::LiveClock().now();
  for (const engine::ChannelSummary& channel : result.channels) {
    SIGTRADER_TRY(storage::ChannelStatsRow row, store.refresh_channel_stats(channel.channel, now));
    row.wins = static_cast<std::int64_t>(channel.wins);
    row.losses = static_cast<std::int64_t>(channel.losses);
    row.win_rate = channel.win_rate;
    row.avg_r = channel.avg_r;
    row.avg_win_r = channel.avg_win_r;
    row.expectancy = channel.expectancy;
    row.outcomes_at = now;
    SIGTRADER_RETURN_IF_ERROR(store.put_channel_stats(row));
  }
  return {};
}

}  // namespace

int run_channel_backtest_command(const ChannelBacktestOptions& options, CliContext& context) {
  std::optional<core::Duration> timeframe;
  if (!options.timeframe.empty()) {
    auto parsed = market::parse_timeframe(options.timeframe);
    if (!parsed) {
      report_error(kCommand, parsed.error());
      return kExitUsage;
    }
    timeframe = *parsed;
  }
  if (!(options.latency_seconds >= 0)) {
    report_error(kCommand, core::Error(core::ErrorCode::kInvalidArgument,
                                       "--latency must be zero or more seconds"));
    return kExitUsage;
  }
  auto setup = make_setup(options, context);
  if (!setup) return report_error(kCommand, setup.error());
  auto index = market::SymbolDataIndex::scan(options.data_dir);
  if (!index) return report_error(kCommand, index.error());

  std::unique_ptr<storage::SqliteStore> store;
  if (options.db.empty()) {
    auto opened = storage::SqliteStore::open(":memory:");
    if (!opened) return report_error(kCommand, opened.error());
    store = std::move(*opened);
  } else {
    auto opened = open_command_store(options.db, context);
    if (!opened) return report_error(kCommand, opened.error());
    store = std::move(*opened);
  }
  auto classifier = open_classifier(context);
  if (!classifier) return report_error(kCommand, classifier.error());
  auto channels = import_files(options.signal_files, *store, **classifier);
  if (!channels) return report_error(kCommand, channels.error());

  std::vector<bus::SignalEvent> events;
  for (const std::string& channel : *channels) {
    engine::SignalReplayOptions replay;
    replay.channel = core::ChannelId(channel);
    auto replayed = engine::replay_signals(
        *store, **classifier, replay,
        [&events](const bus::SignalEvent& event) { events.push_back(event); });
    if (!replayed) return report_error(kCommand, replayed.error());
  }
  const engine::CandleLookup lookup = [&index, timeframe](const core::Symbol& symbol) {
    return market::load_symbol_candles(*index, symbol, timeframe);
  };
  auto result = engine::run_channel_backtest(*setup, events, lookup);
  if (!result) return report_error(kCommand, result.error());
  print_summary(*result, setup->exchange.quote_asset);

  const engine::ChannelReportSources sources{options.signal_files, options.data_dir};
  if (!options.json_output.empty()) {
    auto written = write_atomically(options.json_output,
                                    engine::channel_report_text(*setup, *result, sources));
    if (!written) return report_error(kCommand, written.error());
  }
  if (!options.html_output.empty()) {
    auto written = write_atomically(options.html_output,
                                    engine::channel_report_html(*setup, *result, sources));
    if (!written) return report_error(kCommand, written.error());
  }
  if (!options.db.empty()) {
    const core::Status stored = store_outcomes(*store, *result);
    if (!stored.ok()) return report_error(kCommand, stored.error());
  }
  return kExitOk;
}

}  // namespace sigtrader::app
