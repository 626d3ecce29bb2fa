// `sigtrader db migrate|status [--db PATH]`: brings a database's schema up to date and shows
// where it stands.
#include <iostream>
#include <memory>
#include <string>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

namespace {

struct DbOptions {
  std::string path;  // --db; empty means the config's database.path
  bool json = false;
};

int run_migrate(const DbOptions& options, CliContext& context) {
  // Both commands look at the schema before anything changes it.
  auto store =
      open_command_store(options.path, context, {.create_if_missing = true, .migrate = false});
  if (!store.ok()) return report_error("db migrate", store.error());
  auto before = (*store)->schema_version();
  if (!before.ok()) return report_error("db migrate", before.error());
  auto applied = (*store)->migrate();
  if (!applied.ok()) return report_error("db migrate", applied.error());
  const std::string& path = (*store)->path();
  if (*applied == 0) {
    spdlog::info("{}: schema version {} is up to date", path, *before);
    std::cout << fmt::format("{}: schema version {}, up to date\n", path, *before);
  } else {
    spdlog::info("{}: migrated from schema version {} to {} ({} migrations)", path, *before,
                 *before + *applied, *applied);
    std::cout << fmt::format("{}: migrated from schema version {} to {}\n", path, *before,
                             *before + *applied);
  }
  return kExitOk;
}

int run_status(const DbOptions& options, CliContext& context) {
  auto store =
      open_command_store(options.path, context, {.create_if_missing = false, .migrate = false});
  if (!store.ok()) {
    if (store.error().code() == core::ErrorCode::kNotFound) {
      return report_error(
          "db status", core::Error(core::ErrorCode::kNotFound,
                                   store.error().message() + " (create it: sigtrader db migrate)"));
    }
    return report_error("db status", store.error());
  }
  auto version = (*store)->schema_version();
  if (!version.ok()) return report_error("db status", version.error());
  auto tables = (*store)->table_counts();
  if (!tables.ok()) return report_error("db status", tables.error());
  const int latest = storage::latest_schema_version();
  const int pending = *version < latest ? latest - *version : 0;
  const std::string& path = (*store)->path();

  if (options.json) {
    boost::json::object table_rows;
    for (const auto& table : *tables)
      table_rows[table.name] = table.rows;
    const boost::json::object status{{"path", path},
                                     {"schema_version", *version},
                                     {"latest_version", latest},
                                     {"pending_migrations", pending},
                                     {"tables", std::move(table_rows)}};
    std::cout << boost::json::serialize(status) << '\n';
    return kExitOk;
  }
  std::cout << fmt::format("database:            {}\n", path)
            << fmt::format("schema version:      {}\n", *version)
            << fmt::format("latest known:        {}\n", latest)
            << fmt::format("pending migrations:  {}{}\n", pending,
                           pending > 0 ? " (run: sigtrader db migrate)" : "")
            << "tables (rows):\n";
  for (const auto& table : *tables) {
    std::cout << fmt::format("  {:<24} {}\n", table.name, table.rows);
  }
  return kExitOk;
}

}  // namespace

void register_db_command(CLI::App& app, CliContext& context) {
  CLI::App* db = app.add_subcommand("db",
                                    "Manage the database (default: the config's "
                                    "database.path, else ./sigtrader.db)");

  auto migrate_options = std::make_shared<DbOptions>();
  CLI::App* migrate =
      db->add_subcommand("migrate", "Create the database if needed and apply pending migrations");
  migrate->add_option("--db", migrate_options->path, "Database file")->type_name("PATH");
  migrate->callback([&context, migrate_options] {
    context.action = [&context, migrate_options] { return run_migrate(*migrate_options, context); };
  });

  auto status_options = std::make_shared<DbOptions>();
  CLI::App* status = db->add_subcommand(
      "status", "Show the schema version, pending migrations and rows per table");
  status->add_option("--db", status_options->path, "Database file")->type_name("PATH");
  status->add_flag("--json", status_options->json, "Print one JSON object instead of text");
  status->callback([&context, status_options] {
    context.action = [&context, status_options] { return run_status(*status_options, context); };
  });
}

}  // namespace sigtrader::app
