#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/environment.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/demo_scenario.hpp"
#include "market/synthetic_market.hpp"

// The folder `sigtrader demo` works in and what it writes there: the generated market and channel
// posts, the paper setup and the demo's own sigtrader.toml.
namespace sigtrader::app {

// Four days of 15-minute candles from Monday 2025-03-03 00:00 UTC.
inline constexpr std::size_t kDemoCandles = 384;
inline constexpr std::uint64_t kDefaultDemoSeed = 1;
// Four days in ten minutes.
inline constexpr double kDefaultDemoSpeed = 576;

// The generated world of one seed.
struct DemoWorld {
  std::uint64_t seed = kDefaultDemoSeed;
  market::SyntheticMarket market;
  std::vector<engine::DemoChannel> channels;
  std::vector<engine::DemoPost> posts;
};

// The same world for the same seed, on every machine.
DemoWorld generate_demo_world(std::uint64_t seed);

// Where each file of a demo folder is.
struct DemoPaths {
  explicit DemoPaths(std::filesystem::path folder);

  std::filesystem::path dir;
  std::filesystem::path config;    // sigtrader.toml
  std::filesystem::path setup;     // setup.toml
  std::filesystem::path posts;     // posts.jsonl
  std::filesystem::path data;      // data/, the candle files
  std::filesystem::path training;  // training/, labeled posts when the corpus is not at hand

  // data/BTCUSDT-15m.csv
  std::filesystem::path candles(const core::Symbol& symbol) const;
};

// Writes the world into the folder (created if missing): a candle file per symbol, posts.jsonl,
// setup.toml, and sigtrader.toml when there is none (the user may edit it). Files already there
// must hold what this world writes: otherwise kAlreadyExists names the first that differs (a
// demo of another seed or sigtrader version), unless `reset`, which first removes the demo's
// database, event log and files and writes them afresh (the trained classifier stays).
core::Status write_demo_files(const DemoPaths& paths, const DemoWorld& world, bool reset);

// The demo's sigtrader.toml, read with the environment's overrides, its relative paths taken from
// the demo folder (as the file says).
core::Result<config::Config> load_demo_config(const DemoPaths& paths,
                                              const config::Environment& environment);

// Labeled posts of the same channels over a market of another seed: what the classifier learns
// from when the repository's corpus is not at hand (never the posts the demo plays).
std::string demo_history_labels(std::uint64_t seed);

}  // namespace sigtrader::app
