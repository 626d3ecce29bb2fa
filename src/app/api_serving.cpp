#include "app/api_serving.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/api_backtest_runner.hpp"
#include "app/risk_setup.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

core::Result<std::unique_ptr<api::ApiServer>> start_api_server(
    const config::Config& config, const std::string& db_path, const ServeFlags& flags,
    const signals::SignalClassifier* classifier, std::function<bool()> engine_alive) {
  api::ApiOptions options;
  options.http.address = flags.host.value_or(config.api.host);
  const int port = flags.port.value_or(config.api.port);
  if (port < 0 || port > 65535) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("port {} is not a TCP port (0-65535)", port));
  }
  options.http.port = static_cast<std::uint16_t>(port);
  options.http.threads = 1;
  options.cors_origins = config.api.cors_origins;
  options.key_rate = config.api.key_rate;
  options.key_burst = config.api.key_burst;
  options.ip_rate = config.api.ip_rate;
  options.ip_burst = config.api.ip_burst;
  options.version = SIGTRADER_VERSION;
  // The dashboard the build made (scripts/build_web.sh) unless told otherwise.
  options.web_root = !flags.web_dir.empty() ? std::filesystem::path(flags.web_dir)
                                            : std::filesystem::path(SIGTRADER_WEB_DIST);
  if (!std::filesystem::is_regular_file(options.web_root / "index.html")) {
    spdlog::warn("serve: no dashboard in {} (build it with scripts/build_web.sh); the API works",
                 options.web_root.string());
  }
  api::ApiServices services;
  services.open_store = [db_path]() -> core::Result<std::unique_ptr<storage::Store>> {
    SIGTRADER_TRY(auto store,
                  storage::SqliteStore::open(
                      db_path, storage::OpenOptions{.create_if_missing = false, .migrate = false}));
    return std::unique_ptr<storage::Store>(std::move(store));
  };
  services.classifier = classifier;
  SIGTRADER_TRY(services.risk, risk_engine_config(config.risk));
  services.engine_alive = std::move(engine_alive);
  services.backtest_runner = make_backtest_runner(config.general.data_dir);
  // Reports beside the database, so that a demo's stay in its folder.
  services.reports_dir = std::filesystem::path(db_path).parent_path() / "backtests";
  return api::ApiServer::start(std::move(options), std::move(services));
}

}  // namespace sigtrader::app
