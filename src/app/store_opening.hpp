#pragma once

#include <memory>
#include <string>

#include "app/cli_context.hpp"
#include "config/config.hpp"
#include "core/result.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

// Opens the database at `path`, waiting `config`'s database.busy_timeout for another process's
// lock. `options` says whether a missing file is created and whether pending migrations run;
// errors name the path.
core::Result<std::unique_ptr<storage::SqliteStore>> open_store_at(
    const config::Config& config, const std::string& path, storage::OpenOptions options = {});

// Opens the database a command works on: `--db PATH` when given, else the config's database.path,
// waiting database.busy_timeout for another process's lock. `options` says whether a missing file
// is created and whether pending migrations run; errors name the path.
core::Result<std::unique_ptr<storage::SqliteStore>> open_command_store(
    const std::string& db_flag, CliContext& context, storage::OpenOptions options = {});

}  // namespace sigtrader::app
