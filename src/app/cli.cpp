#include "app/cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>
#include <unistd.h>

#include "app/cli_context.hpp"
#include "app/commands.hpp"
#include "app/effective_config.hpp"
#include "app/logging.hpp"
#include "app/process_environment.hpp"

namespace sigtrader::app {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--config", options.config_path,
                 "Config file (default: ./sigtrader.toml when it exists, else built-in defaults)")
      ->type_name("FILE");
  app.add_option("--log-level", options.log_level,
                 "Default: the config's logging.level, else SIGTRADER_LOG_LEVEL, else info")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->type_name("LEVEL");
  app.add_option("--log-format", options.log_format,
                 "Human lines or one JSON object per line on stderr. Default: the config's "
                 "logging.format; auto is text on a terminal, json otherwise")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("FORMAT");
}

void configure_logging(CliContext& context) {
  const auto& config = effective_config(context);
  // An invalid config is the chosen command's to report; logging then runs on flags and defaults.
  setup_logging(resolve_log_settings(context.options, config.ok() ? &config.value() : nullptr,
                                     context.environment, isatty(STDERR_FILENO) == 1));
}

}  // namespace

int run_cli(int argc, char** argv) {
  CliContext context;
  context.environment = capture_process_environment();

  CLI::App app("sigtrader turns trading signals into managed crypto positions.", "sigtrader");
  app.set_version_flag("--version", "sigtrader " SIGTRADER_VERSION, "Print the version and exit");
  // Global options may follow the subcommand: `sigtrader db status --log-format json`.
  app.fallthrough();
  add_global_options(app, context.options);

  register_demo_command(app, context);
  register_config_command(app, context);
  register_db_command(app, context);
  register_data_command(app, context);
  register_indicators_command(app, context);
  register_backtest_command(app, context);
  register_run_command(app, context);
  register_import_command(app, context);
  register_channels_command(app, context);
  register_label_command(app, context);
  register_parse_command(app, context);
  register_train_command(app, context);
  register_eval_command(app, context);
  register_serve_command(app, context);
  register_users_command(app, context);
  register_keys_command(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version land here too, as "errors" with a success code.
    const int code = app.exit(error, std::cout, std::cerr);
    return code == static_cast<int>(CLI::ExitCodes::Success) ? kExitOk : kExitUsage;
  }

  if (!context.action) {
    // `sigtrader` or `sigtrader db` alone: say what there is to choose from.
    std::cerr << "sigtrader: a subcommand is required\n\n" << app.help();
    return kExitUsage;
  }

  configure_logging(context);
  return context.action();
}

}  // namespace sigtrader::app
