#include "app/demo_workspace.hpp"

#include <array>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "config/loader.hpp"
#include "core/file_text.hpp"
#include "core/random.hpp"
#include "market/plain_csv_writer.hpp"

namespace sigtrader::app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTimeframe = "15m";
// The stream of core::Random::stream_seed that gives the history's seed.
constexpr std::uint64_t kHistoryStream = 1;

core::Timestamp demo_start() {
  return *core::Timestamp::try_parse_iso8601("2025-03-03T00:00:00Z");
}

// Filters of each market, close to what a large venue's perpetuals use.
struct MarketFilters {
  std::string_view step_size;
  std::string_view min_notional;
};

MarketFilters filters_of(const core::Symbol& symbol) {
  if (symbol.base == "BTC") return {"0.001", "5"};
  if (symbol.base == "ETH") return {"0.001", "5"};
  if (symbol.base == "SOL") return {"0.01", "5"};
  return {"0.1", "5"};
}

std::string setup_toml(const DemoPaths& paths, const DemoWorld& world) {
  std::string text = fmt::format(
      "# The paper setup of `sigtrader demo` (seed {}): four generated perpetual markets and the\n"
      "# signal follower, which trades the channels' signals through the risk engine ([risk] in\n"
      "# sigtrader.toml). Written by the demo; data paths are relative to this file.\n\n"
      "[backtest]\n"
      "starting_balance = 10000\n"
      "fee_rate = \"0.0005\"        # taker\n"
      "maker_fee_rate = \"0.0002\"\n"
      "slippage_bps = 1\n",
      world.seed);
  for (const market::SyntheticSeries& series : world.market.series) {
    const core::Symbol& symbol = series.symbol.symbol;
    const MarketFilters filters = filters_of(symbol);
    text += fmt::format(
        "\n[[market]]\n"
        "symbol = \"{}\"\n"
        "data = \"{}\"\n"
        "kind = \"perpetual\"\n"
        "leverage = 3\n"
        "tick_size = \"{}\"\n"
        "step_size = \"{}\"\n"
        "min_notional = \"{}\"\n",
        symbol.to_string(), fs::relative(paths.candles(symbol), paths.dir).generic_string(),
        series.symbol.tick_size.to_string(), filters.step_size, filters.min_notional);
  }
  text +=
      "\n[strategy]\n"
      "name = \"signal_follower\"\n\n"
      "[strategy.params]\n"
      "entry = \"limit_first\"      # a limit at the first entry price\n"
      "tp_split = \"0.5,0.25,0.25\"\n"
      "breakeven_after_tp = 1\n";
  // A channel that calls "BUY NOW at market" is followed at market.
  for (const engine::DemoChannel& channel : world.channels) {
    if (channel.style != engine::DemoChannelStyle::kHype) continue;
    text += fmt::format("\n[strategy.channels.\"file:{}\"]\nentry = \"market\"\n", channel.name);
  }
  return text;
}

std::string config_toml() {
  return fmt::format(
      "# The configuration of `sigtrader demo`: written on its first run, read on every run after\n"
      "# (edit it to try other risk limits; `sigtrader demo --reset` writes it afresh). When the\n"
      "# demo reads it, relative paths are taken from this folder.\n\n"
      "[general]\n"
      "mode = \"paper\"\n"
      "models_dir = \"models\"\n"
      "# Backtests run from the dashboard read data here: setup.toml pasted as it is works.\n"
      "data_dir = \".\"\n\n"
      "[database]\n"
      "path = \"sigtrader.db\"\n\n"
      "[event_log]\n"
      "enabled = true\n"
      "dir = \"events\"\n\n"
      "[risk]\n"
      "policy = \"moderate\"\n\n"
      "[paper]\n"
      "setup = \"setup.toml\"\n"
      "name = \"demo\"\n"
      "speed = {}                # simulated seconds per wall second: four days in ten minutes\n"
      "status_every = 32          # a status line every 32 steps (about eight simulated hours)\n",
      kDefaultDemoSpeed);
}

// Writes `text` to `path`, or checks that the file there already holds it.
core::Status write_or_check(const fs::path& path, const std::string& text) {
  std::error_code error;
  if (!fs::exists(path, error)) return write_atomically(path, text);
  SIGTRADER_TRY(const std::string existing, core::read_whole_file(path.string()));
  if (existing == text) return {};
  return core::Error(core::ErrorCode::kAlreadyExists,
                     fmt::format("{} holds a demo generated with other settings (another --seed or "
                                 "sigtrader version); pass --reset to start it over",
                                 path.string()));
}

core::Status remove_generated(const DemoPaths& paths) {
  const std::array<fs::path, 9> generated = {paths.dir / "sigtrader.db",
                                             paths.dir / "sigtrader.db-wal",
                                             paths.dir / "sigtrader.db-shm",
                                             paths.dir / "events",
                                             paths.data,
                                             paths.training,
                                             paths.posts,
                                             paths.setup,
                                             paths.config};
  for (const fs::path& path : generated) {
    std::error_code error;
    fs::remove_all(path, error);
    if (error) {
      return core::Error(core::ErrorCode::kIo,
                         fmt::format("cannot remove {}: {}", path.string(), error.message()));
    }
  }
  return {};
}

core::Status make_dir(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot create {}: {}", dir.string(), error.message()));
  }
  return {};
}

}  // namespace

DemoWorld generate_demo_world(std::uint64_t seed) {
  DemoWorld world;
  world.seed = seed;
  market::SyntheticMarketSpec spec;
  spec.seed = seed;
  spec.start = demo_start();
  spec.timeframe = core::Duration::minutes(15);
  spec.candles = kDemoCandles;
  spec.symbols = market::demo_symbols();
  world.market = market::generate_market(spec);
  engine::DemoScenarioSpec scenario;
  scenario.seed = seed;
  scenario.timeframe = spec.timeframe;
  world.channels = scenario.channels;
  world.posts = engine::generate_demo_posts(world.market, scenario);
  return world;
}

DemoPaths::DemoPaths(fs::path folder)
    : dir(std::move(folder)),
      config(dir / "sigtrader.toml"),
      setup(dir / "setup.toml"),
      posts(dir / "posts.jsonl"),
      data(dir / "data"),
      training(dir / "training") {}

fs::path DemoPaths::candles(const core::Symbol& symbol) const {
  return data / fmt::format("{}-{}.csv", symbol.joined(), kTimeframe);
}

core::Status write_demo_files(const DemoPaths& paths, const DemoWorld& world, bool reset) {
  if (reset) SIGTRADER_RETURN_IF_ERROR(remove_generated(paths));
  SIGTRADER_RETURN_IF_ERROR(make_dir(paths.data));
  for (const market::SyntheticSeries& series : world.market.series) {
    SIGTRADER_RETURN_IF_ERROR(write_or_check(paths.candles(series.symbol.symbol),
                                             market::plain_csv_text(series.candles)));
  }
  SIGTRADER_RETURN_IF_ERROR(write_or_check(paths.posts, engine::demo_posts_jsonl(world.posts)));
  SIGTRADER_RETURN_IF_ERROR(write_or_check(paths.setup, setup_toml(paths, world)));
  std::error_code error;
  if (!fs::exists(paths.config, error)) {
    SIGTRADER_RETURN_IF_ERROR(write_atomically(paths.config, config_toml()));
  }
  return {};
}

core::Result<config::Config> load_demo_config(const DemoPaths& paths,
                                              const config::Environment& environment) {
  SIGTRADER_TRY(config::Config config, config::load_config(paths.config, environment));
  const auto in_dir = [&](std::string& path) {
    if (!path.empty() && fs::path(path).is_relative()) path = (paths.dir / path).string();
  };
  in_dir(config.general.data_dir);
  in_dir(config.general.models_dir);
  in_dir(config.database.path);
  in_dir(config.event_log.dir);
  if (config.paper.setup) in_dir(*config.paper.setup);
  for (std::string& file : config.paper.signals)
    in_dir(file);
  if (config.paper.import_dir) in_dir(*config.paper.import_dir);
  return config;
}

std::string demo_history_labels(std::uint64_t seed) {
  return engine::demo_labels_jsonl(
      generate_demo_world(core::Random::stream_seed(seed, kHistoryStream)).posts);
}

}  // namespace sigtrader::app
