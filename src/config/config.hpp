#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

// The typed configuration of one sigtrader process: what `sigtrader.toml` and the SIGTRADER_*
// environment overrides produce. The member initializers are the defaults; the key table in
// key_table.cpp says how each key is named, validated and documented.
namespace sigtrader::config {

// Which edges the kernel runs with (DESIGN.md section 1).
enum class Mode { kBacktest, kPaper, kLive };
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };
// kAuto: human text on a terminal, JSON lines otherwise.
enum class LogFormat { kText, kJson, kAuto };
// How much of the account a risk policy lets the strategies put at stake.
enum class RiskPolicy { kConservative, kModerate, kAggressive };

// The spelling of each enum value in the config file and on the command line.
template <typename E>
struct EnumNames;

template <>
struct EnumNames<Mode> {
  static constexpr std::array<std::pair<std::string_view, Mode>, 3> kValues{{
      {"backtest", Mode::kBacktest},
      {"paper", Mode::kPaper},
      {"live", Mode::kLive},
  }};
};

template <>
struct EnumNames<LogLevel> {
  static constexpr std::array<std::pair<std::string_view, LogLevel>, 5> kValues{{
      {"trace", LogLevel::kTrace},
      {"debug", LogLevel::kDebug},
      {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},
      {"error", LogLevel::kError},
  }};
};

template <>
struct EnumNames<LogFormat> {
  static constexpr std::array<std::pair<std::string_view, LogFormat>, 3> kValues{{
      {"text", LogFormat::kText},
      {"json", LogFormat::kJson},
      {"auto", LogFormat::kAuto},
  }};
};

template <>
struct EnumNames<RiskPolicy> {
  static constexpr std::array<std::pair<std::string_view, RiskPolicy>, 3> kValues{{
      {"conservative", RiskPolicy::kConservative},
      {"moderate", RiskPolicy::kModerate},
      {"aggressive", RiskPolicy::kAggressive},
  }};
};

// "paper" for Mode::kPaper.
template <typename E>
constexpr std::string_view enum_name(E value) {
  for (const auto& [name, candidate] : EnumNames<E>::kValues) {
    if (candidate == value) return name;
  }
  return "?";
}

// Mode from "paper"; nullopt for any other spelling (matching is exact, lower case).
template <typename E>
constexpr std::optional<E> enum_from_name(std::string_view name) {
  for (const auto& [candidate_name, value] : EnumNames<E>::kValues) {
    if (candidate_name == name) return value;
  }
  return std::nullopt;
}

struct GeneralConfig {
  Mode mode = Mode::kPaper;
  std::string data_dir = "data";      // candles and other files sigtrader reads and writes
  std::string models_dir = "models";  // the model registry (DESIGN.md section 6)
};

struct DatabaseConfig {
  std::string path = "sigtrader.db";
  core::Duration busy_timeout = core::Duration::seconds(5);  // wait this long for a locked file
};

struct LoggingConfig {
  std::optional<LogLevel> level;  // unset: SIGTRADER_LOG_LEVEL, else info
  LogFormat format = LogFormat::kAuto;
};

struct EventLogConfig {
  bool enabled = true;
  std::string dir = "events";
  std::vector<std::string> mask_keys;  // masked in addition to the built-in secret key names
};

struct ApiConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> cors_origins;
  // Token-bucket rate limits (requests per second and burst), per API key and per address.
  double key_rate = 50;
  double key_burst = 100;
  double ip_rate = 200;
  double ip_burst = 400;
};

struct RiskConfig {
  RiskPolicy policy = RiskPolicy::kModerate;
  int max_consecutive_losses = 3;  // the circuit breaker opens after this many losses in a row
  double daily_loss_pct = 5.0;     // of the day's starting equity; a limit, not money
  core::Duration cooldown = core::Duration::hours(4);
  // The entry validators (risk::ValidatorConfig); the policy may tighten the first three.
  double min_confidence = 0.7;
  int max_open_positions = 5;
  int max_leverage = 10;
  double max_symbol_exposure_pct = 20.0;  // % of equity
  double max_total_exposure_pct = 100.0;
  double max_group_exposure_pct = 30.0;  // symbols whose returns correlate count as one
  double correlation_threshold = 0.8;    // above 1: no grouping
  double max_drawdown_pct = 20.0;        // from peak equity; entries halt beyond it
  double drawdown_scale_floor = 0.25;    // the share of normal risk taken at max_drawdown_pct
  core::Duration symbol_cooldown = core::Duration::minutes(30);
  core::Duration duplicate_window = core::Duration::hours(1);
  core::Duration max_signal_age = core::Duration::minutes(5);
  bool allow_entries_without_stop = false;
  std::optional<double> approval_floor;      // confidence from here up to min_confidence: queued
  bool trust_weighting = true;               // scale sizes by each channel's backtested record
  std::vector<std::string> allowed_symbols;  // "BTC/USDT"; empty: every symbol
  std::vector<std::string> denied_symbols;
  std::vector<std::string> symbol_map;  // "PEPE/USDT:1000PEPE/USDT:1000" (config/symbol_rules.hpp)
  core::Duration approval_expiry = core::Duration::minutes(15);
};

// `sigtrader run --mode paper` (README "Paper trading").
struct PaperConfig {
  // A backtest-format TOML (markets, data files, simulated exchange, strategy); unset: `run
  // --mode paper` refuses to start. Relative to the working directory.
  std::optional<std::string> setup;
  std::string name = "default";      // sessions are resumed by name
  double speed = 1.0;                // simulated seconds per wall second; 0: as fast as possible
  std::vector<std::string> signals;  // files imported into the store at start
  std::optional<std::string> import_dir;  // new files here are imported while running
  core::Duration poll_interval = core::Duration::seconds(5);
  core::Duration classification_latency;  // added to a post's ts_init before it is delivered
  int status_every = 100;                 // a status line every this many steps
};

struct Config {
  GeneralConfig general;
  DatabaseConfig database;
  LoggingConfig logging;
  EventLogConfig event_log;
  ApiConfig api;
  RiskConfig risk;
  PaperConfig paper;
};

}  // namespace sigtrader::config
