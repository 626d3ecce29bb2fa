#pragma once

#include <CLI/CLI.hpp>

#include "app/cli_context.hpp"

// One function per subcommand, each defined in its own <name>_command.cpp: it adds the
// subcommand to the app and, from the subcommand's callback, sets context.action.
namespace sigtrader::app {

void register_demo_command(CLI::App& app, CliContext& context);
void register_config_command(CLI::App& app, CliContext& context);
void register_db_command(CLI::App& app, CliContext& context);
void register_data_command(CLI::App& app, CliContext& context);
// `data download`, added to the `data` subcommand by register_data_command.
void register_data_download_command(CLI::App& data, CliContext& context);
void register_indicators_command(CLI::App& app, CliContext& context);
void register_backtest_command(CLI::App& app, CliContext& context);
void register_run_command(CLI::App& app, CliContext& context);
void register_import_command(CLI::App& app, CliContext& context);
void register_channels_command(CLI::App& app, CliContext& context);
void register_label_command(CLI::App& app, CliContext& context);
void register_parse_command(CLI::App& app, CliContext& context);
void register_train_command(CLI::App& app, CliContext& context);
void register_eval_command(CLI::App& app, CliContext& context);
void register_serve_command(CLI::App& app, CliContext& context);
void register_users_command(CLI::App& app, CliContext& context);
void register_keys_command(CLI::App& app, CliContext& context);

}  // namespace sigtrader::app
