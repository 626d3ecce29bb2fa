#pragma once

#include <optional>
#include <string>

#include "app/cli_context.hpp"
#include "config/config.hpp"
#include "config/environment.hpp"

namespace sigtrader::app {

// How the process logs, decided once after the command line is parsed.
struct LogSettings {
  config::LogLevel level = config::LogLevel::kInfo;
  bool json = false;                  // JSON lines instead of human text
  std::optional<std::string> notice;  // a problem with the settings, logged once logging is up
};

// Level: --log-level, else the config's logging.level, else SIGTRADER_LOG_LEVEL, else info.
// Format: --log-format, else the config's logging.format; "auto" is text when stderr is a terminal
// and JSON lines otherwise. `config` is null when there is no valid config.
LogSettings resolve_log_settings(const GlobalOptions& options, const config::Config* config,
                                 const config::Environment& env, bool stderr_is_terminal);

// Makes the default spdlog logger ("sigtrader") write to stderr as `settings` say; stdout stays
// for command output.
void setup_logging(const LogSettings& settings);

}  // namespace sigtrader::app
