#pragma once

#include "app/cli_context.hpp"
#include "config/config.hpp"
#include "core/result.hpp"

namespace sigtrader::app {

// The config every command runs with: `--config FILE` when given, else ./sigtrader.toml when it
// exists, else the defaults; SIGTRADER_* environment overrides on top. Loaded once per process.
const core::Result<config::Config>& effective_config(CliContext& context);

}  // namespace sigtrader::app
