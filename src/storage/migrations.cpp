#include "storage/migrations.hpp"

#include <fmt/format.h>

#include "core/assert.hpp"
#include "storage/sqlite_transaction.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kCreateVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (
  version     INTEGER PRIMARY KEY,
  applied_at  INTEGER NOT NULL,  -- ns UTC
  description TEXT    NOT NULL
) STRICT;
)sql";

core::Result<bool> has_version_table(SqliteConnection& db) {
  SIGTRADER_TRY(auto statement, db.cached("SELECT count(*) FROM sqlite_schema "
                                          "WHERE type = 'table' AND name = 'schema_version'"));
  SIGTRADER_TRY(const bool has_row, statement->step());
  return has_row && statement->column_int64(0) > 0;
}

core::Status record_version(SqliteConnection& db, const Migration& migration,
                            core::Timestamp applied_at) {
  SIGTRADER_TRY(auto statement,
                db.cached("INSERT INTO schema_version (version, applied_at, description) "
                          "VALUES (?1, ?2, ?3)"));
  statement->bind(1, migration.version);
  statement->bind(2, applied_at);
  statement->bind(3, migration.description);
  return statement->run();
}

// Applies one migration unless another process applied it since we looked; returns whether it ran.
core::Result<bool> apply(SqliteConnection& db, const Migration& migration,
                         core::Timestamp applied_at) {
  bool applied = false;
  const core::Status status = run_in_transaction(db, [&]() -> core::Status {
    // Re-read under the write lock: another process may have migrated since we looked.
    SIGTRADER_TRY(const int current, read_schema_version(db));
    if (current >= migration.version) return {};
    SIGTRADER_RETURN_IF_ERROR(db.execute_script(kCreateVersionTable));
    SIGTRADER_RETURN_IF_ERROR(db.execute_script(migration.sql));
    SIGTRADER_RETURN_IF_ERROR(record_version(db, migration, applied_at));
    applied = true;
    return {};
  });
  if (!status.ok()) {
    return status.error().with_context(
        fmt::format("migration {} ({})", migration.version, migration.description));
  }
  return applied;
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(schema_migrations().size());
}

core::Result<int> read_schema_version(SqliteConnection& db) {
  SIGTRADER_TRY(const bool has_table, has_version_table(db));
  if (!has_table) return 0;
  SIGTRADER_TRY(auto statement, db.cached("SELECT coalesce(max(version), 0) FROM schema_version"));
  SIGTRADER_TRY(const bool has_row, statement->step());
  return has_row ? static_cast<int>(statement->column_int64(0)) : 0;
}

core::Status check_schema_version_known(const SqliteConnection& db, int version,
                                        std::span<const Migration> history) {
  const int latest = static_cast<int>(history.size());
  if (version <= latest) return {};
  return core::Error(core::ErrorCode::kStorage,
                     fmt::format("database '{}': database schema version {} is newer than this "
                                 "sigtrader (knows up to {}); upgrade sigtrader",
                                 db.path(), version, latest));
}

core::Result<int> migrate_to(SqliteConnection& db, int target, core::Timestamp applied_at,
                             std::span<const Migration> history) {
  const int latest = static_cast<int>(history.size());
  SIGTRADER_TRY(const int current, read_schema_version(db));
  SIGTRADER_RETURN_IF_ERROR(check_schema_version_known(db, current, history));
  if (target < 0 || target > latest) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("cannot migrate database '{}' to schema version {}: this "
                                   "sigtrader knows versions 0 to {}",
                                   db.path(), target, latest));
  }
  if (target < current) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("cannot migrate database '{}' from schema version {} down to "
                                   "{}: migrations only go forward",
                                   db.path(), current, target));
  }

  int applied = 0;
  for (int version = current + 1; version <= target; ++version) {
    const Migration& migration = history[static_cast<std::size_t>(version - 1)];
    SIGTRADER_ASSERT(migration.version == version, "migrations are numbered 1, 2, 3... in order");
    SIGTRADER_TRY(const bool ran, apply(db, migration, applied_at));
    if (ran) ++applied;
  }
  return applied;
}

}  // namespace sigtrader::storage
