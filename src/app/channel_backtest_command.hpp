#pragma once

#include <string>
#include <vector>

#include "app/cli_context.hpp"

namespace sigtrader::app {

// `sigtrader backtest --signals FILE... --data DIR`: what the channel backtest was asked.
struct ChannelBacktestOptions {
  std::vector<std::string> signal_files;  // Telegram exports (.json) or JSON lines (.jsonl)
  std::string data_dir;
  std::string config_file;  // optional backtest TOML: exchange, account, follower params
  std::string timeframe;    // empty: each symbol's smallest
  std::string db;           // empty: an in-memory database; set: outcomes go to channel_stats
  std::string json_output;
  std::string html_output;
  double latency_seconds = 0;  // classification latency
};

// Runs it and prints one summary per channel; the exit code (kExitOk, kExitFailed, kExitUsage).
int run_channel_backtest_command(const ChannelBacktestOptions& options, CliContext& context);

}  // namespace sigtrader::app
