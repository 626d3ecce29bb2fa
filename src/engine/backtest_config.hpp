#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "strategy/exit_plan.hpp"
#include "strategy/parameters.hpp"

namespace sigtrader::engine {

// One market of a backtest: its instrument and the files its data comes from. Paths are
// resolved against the config file's folder.
struct MarketConfig {
  core::Instrument instrument;
  std::filesystem::path data;
  std::optional<std::filesystem::path> detail_data;  // a lower timeframe for intrabar order
  std::optional<std::filesystem::path> funding;      // CSV "timestamp,rate" (perpetuals)
  int leverage = 1;
};

// A backtest as `sigtrader backtest --config FILE` reads it (see sigtrader.backtest.example.toml
// for every key with its meaning).
struct BacktestConfig {
  std::string source;  // the file, for messages
  std::vector<MarketConfig> markets;
  std::string quote_asset;  // every market's quote
  core::Money starting_balance = core::Money::from_int(10'000);
  core::Decimal fee_rate = core::Decimal::parse("0.001");  // taker, 0.1 %
  core::Decimal maker_fee_rate = core::Decimal::parse("0.001");
  core::Decimal slippage_bps;
  core::Duration latency;
  bool partial_fills = false;
  core::Decimal max_volume_fraction = core::Decimal::parse("0.1");
  std::optional<core::Timestamp> from;  // candles opening before are skipped
  std::optional<core::Timestamp> to;    // candles opening at or after are skipped
  // Keep one equity point per interval (the last in each); default: one per candle.
  std::optional<core::Duration> equity_interval;
  double risk_free_rate = 0;
  std::uint64_t seed = 1;  // for --check-lookahead's truncation points
  std::size_t history_length = 0;

  std::string strategy_name;
  strategy::Parameters parameters;
  // [strategy.channels."<channel id>"]: the signal follower's keys for one channel, on top of
  // [strategy.params] (each channel its own entries, ladder and exits).
  std::map<std::string, strategy::Parameters> channel_parameters;
  strategy::ExitPlan exits;
};

// Reads and checks a backtest config; kConfig lists every problem ("file:line: key = value:
// expected ..."), kIo when the file cannot be read. Data files are not opened here.
core::Result<BacktestConfig> load_backtest_config(const std::filesystem::path& file);
core::Result<BacktestConfig> parse_backtest_config(std::string_view toml, std::string_view origin,
                                                   const std::filesystem::path& base_dir);

}  // namespace sigtrader::engine
