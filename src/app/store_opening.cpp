#include "app/store_opening.hpp"

#include "app/effective_config.hpp"

namespace sigtrader::app {

core::Result<std::unique_ptr<storage::SqliteStore>> open_store_at(const config::Config& config,
                                                                  const std::string& path,
                                                                  storage::OpenOptions options) {
  options.busy_timeout_ms = static_cast<int>(config.database.busy_timeout.count_ms());
  return storage::SqliteStore::open(path, options);
}

core::Result<std::unique_ptr<storage::SqliteStore>> open_command_store(
    const std::string& db_flag, CliContext& context, storage::OpenOptions options) {
  const auto& config = effective_config(context);
  if (!config.ok()) return config.error();
  return open_store_at(*config, db_flag.empty() ? config->database.path : db_flag, options);
}

}  // namespace sigtrader::app
