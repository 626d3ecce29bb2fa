#include "storage/sqlite_store.hpp"

#include <utility>

#include <fmt/format.h>

#include "storage/migrations.hpp"
#include "storage/sqlite_transaction.hpp"

namespace sigtrader::storage {
namespace {

// A table name as a quoted SQL identifier.
std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace

SqliteStore::SqliteStore(std::unique_ptr<SqliteConnection> db, const core::Clock* clock)
    : db_(std::move(db)), clock_(clock) {
  if (clock_ == nullptr) {
    owned_clock_ = std::make_unique<core::LiveClock>();
    clock_ = owned_clock_.get();
  }
}

core::Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                             OpenOptions options) {
  SIGTRADER_TRY(auto db,
                SqliteConnection::open(path, ConnectionOptions{
                                                 .create_if_missing = options.create_if_missing,
                                                 .busy_timeout_ms = options.busy_timeout_ms,
                                             }));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db), options.clock));
  // A newer schema is refused even without migrating: this binary would misread it.
  SIGTRADER_TRY(const int version, read_schema_version(*store->db_));
  SIGTRADER_RETURN_IF_ERROR(check_schema_version_known(*store->db_, version));
  if (options.migrate) {
    SIGTRADER_RETURN_IF_ERROR(store->migrate());
  }
  return store;
}

core::Result<int> SqliteStore::migrate() {
  return migrate_to(*db_, latest_schema_version(), clock_->now());
}

core::Result<int> SqliteStore::schema_version() {
  return read_schema_version(*db_);
}

core::Result<std::vector<TableInfo>> SqliteStore::table_counts() {
  std::vector<TableInfo> tables;
  {
    SIGTRADER_TRY(auto statement, db_->cached("SELECT name FROM sqlite_schema "
                                              "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                              "ORDER BY name"));
    for (;;) {
      SIGTRADER_TRY(const bool has_row, statement->step());
      if (!has_row) break;
      tables.push_back(TableInfo{.name = statement->column_text(0), .rows = 0});
    }
  }
  for (TableInfo& table : tables) {
    SIGTRADER_TRY(auto statement, db_->cached(fmt::format("SELECT count(*) FROM {}",
                                                          quote_identifier(table.name))));
    SIGTRADER_TRY(const bool has_row, statement->step());
    if (has_row) table.rows = statement->column_int64(0);
  }
  return tables;
}

core::Status SqliteStore::in_transaction(const std::function<core::Status()>& work) {
  return run_in_transaction(*db_, work);
}

}  // namespace sigtrader::storage
