#pragma once

#include <span>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/sqlite_connection.hpp"

namespace sigtrader::storage {

// One step in the schema's history: SQL applied in its own transaction, after which the
// database is at `version`. A released migration is never edited; a change is a new migration.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

// The schema's history, oldest first: entry k-1 takes a database from version k-1 to k.
std::span<const Migration> schema_migrations();

// The version a database reaches when every migration this binary knows has been applied.
int latest_schema_version();

// The version recorded in the schema_version table; 0 for an empty database.
core::Result<int> read_schema_version(SqliteConnection& db);

// kStorage when a database at `version` is newer than `history` knows:
// "database schema version 7 is newer than this sigtrader (knows up to 3); upgrade sigtrader".
core::Status check_schema_version_known(const SqliteConnection& db, int version,
                                        std::span<const Migration> history = schema_migrations());

// Applies the migrations after the database's current version up to `target`, each in its own
// transaction and recorded in schema_version with `applied_at`; returns how many it applied.
// A database newer than `history` is refused, and so is a `target` below the current version
// (migrations only go forward) or beyond the history.
core::Result<int> migrate_to(SqliteConnection& db, int target, core::Timestamp applied_at,
                             std::span<const Migration> history = schema_migrations());

}  // namespace sigtrader::storage
