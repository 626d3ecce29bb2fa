#pragma once

#include <functional>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "config/environment.hpp"
#include "core/result.hpp"

namespace sigtrader::app {

// Options every subcommand understands (given before or after the subcommand name).
struct GlobalOptions {
  std::string config_path;  // --config FILE; empty means ./sigtrader.toml when it exists
  std::string
      log_level;  // --log-level; empty means the config's, else SIGTRADER_LOG_LEVEL, else info
  std::string log_format;  // --log-format text|json; empty means the config's, else text on a
                           // terminal and json otherwise
};

// Exit codes of every subcommand (DESIGN.md section 7).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// Filled by parsing: the chosen subcommand's callback stores what to run after parsing succeeded.
struct CliContext {
  GlobalOptions options;
  std::function<int()> action;
  // The process environment, captured once; the config and logging read it from here.
  config::Environment environment;
  // The effective config, loaded on first use by effective_config() (app/effective_config.hpp).
  std::optional<core::Result<config::Config>> loaded_config;
};

}  // namespace sigtrader::app
