// `sigtrader serve [--host H] [--port N] [--web DIR] [--db PATH]`: the HTTP API, WebSocket stream,
// metrics and dashboard (docs/api.md) on the database, until SIGINT or SIGTERM; then requests in
// progress finish and the server stops.
#include <chrono>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/api_serving.hpp"
#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/effective_config.hpp"
#include "app/report_error.hpp"
#include "app/stop_signals.hpp"
#include "app/store_opening.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "serve";

struct ServeOptions {
  ServeFlags flags;
  std::string db;
};

int run_serve(const ServeOptions& options, CliContext& context) {
  // Opened (and migrated) here so that the API's own connections find the schema in place.
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  const std::string path = (*store)->path();
  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(kCommand, classifier.error());
  const auto& config = effective_config(context);
  if (!config.ok()) return report_error(kCommand, config.error());
  const StopSignals stop_signals;
  auto server = start_api_server(*config, path, options.flags, classifier->get());
  if (!server.ok()) return report_error(kCommand, server.error());
  std::cout << fmt::format("sigtrader API on http://{}:{} (database {}); Ctrl-C stops\n",
                           options.flags.host.value_or(config->api.host), (*server)->port(), path)
            << std::flush;
  while (!stop_requested())
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  spdlog::info("serve: stopping");
  (*server)->stop(core::Duration::seconds(5));
  return kExitOk;
}

}  // namespace

void register_serve_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve =
      app.add_subcommand("serve", "Serve the HTTP API, WebSocket stream and dashboard");
  serve->add_option("--host", options->flags.host, "Address to listen on (default: api.host)");
  serve->add_option("--port", options->flags.port, "Port (default: api.port; 0 picks a free one)");
  serve->add_option("--web", options->flags.web_dir, "The built dashboard folder (web/dist)");
  serve->add_option("--db", options->db, "Database file (default: database.path)");
  serve->callback([options, &context] {
    context.action = [options, &context] { return run_serve(*options, context); };
  });
}

}  // namespace sigtrader::app
