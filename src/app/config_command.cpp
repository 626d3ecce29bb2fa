// `sigtrader config check FILE [--print]`: validates a config file with the process's SIGTRADER_*
// overrides applied, reporting every problem at once.
#include <iostream>
#include <memory>
#include <string>

#include "app/commands.hpp"
#include "config/loader.hpp"
#include "config/print.hpp"

namespace sigtrader::app {

namespace {

struct CheckOptions {
  std::string file;
  bool print = false;
};

int run_config_check(const CheckOptions& options, const config::Environment& env) {
  auto loaded = config::load_config(options.file, env);
  if (!loaded.ok()) {
    // One problem per line, each naming file:line (or the variable), key, value and expectation.
    std::cerr << loaded.error().message() << '\n';
    return kExitFailed;
  }
  if (options.print) {
    // Stays valid TOML, so the output can be saved and loaded as a config file.
    std::cout << "# " << options.file << ": ok; effective config with SIGTRADER_* overrides, "
              << "secrets masked\n"
              << config::format_config(*loaded);
  } else {
    std::cout << options.file << ": ok\n";
  }
  return kExitOk;
}

}  // namespace

void register_config_command(CLI::App& app, CliContext& context) {
  CLI::App* config = app.add_subcommand("config", "Work with configuration files");

  auto options = std::make_shared<CheckOptions>();
  CLI::App* check = config->add_subcommand(
      "check",
      "Validate a config file, with SIGTRADER_<SECTION>__<KEY> environment overrides applied; "
      "exit 1 listing every problem");
  check->add_option("FILE", options->file, "The TOML file to check")->required();
  check->add_flag("--print", options->print,
                  "Print the effective config (file, then environment overrides; secrets masked)");
  check->callback([&context, options] {
    context.action = [&context, options] {
      return run_config_check(*options, context.environment);
    };
  });
}

}  // namespace sigtrader::app
