#include "storage/sqlite_connection.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <sqlite3.h>

namespace sigtrader::storage {
namespace {

constexpr std::string_view kInMemory = ":memory:";

}  // namespace

SqliteConnection::SqliteConnection(sqlite3* db, std::string path, int busy_timeout_ms)
    : db_(db), path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {}

SqliteConnection::~SqliteConnection() {
  // Every statement must be finalized before the connection closes.
  statements_.clear();
  sqlite3_close_v2(db_);
}

core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                       ConnectionOptions options) {
  if (path.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "database path is empty (expected a file name or \":memory:\")");
  }
  if (options.busy_timeout_ms < 0) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("busy timeout for database '{}' is {} ms (expected >= 0)", path,
                                   options.busy_timeout_ms));
  }
  const bool in_memory = path == kInMemory;
  if (!in_memory && !options.create_if_missing) {
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) {
      return core::Error(core::ErrorCode::kNotFound,
                         fmt::format("database '{}' does not exist", path));
    }
  }

  int flags = SQLITE_OPEN_READWRITE;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // SQLite hands out a handle even when opening fails; the connection owns and closes it.
  std::unique_ptr<SqliteConnection> connection(
      new SqliteConnection(db, path, options.busy_timeout_ms));
  if (db == nullptr) {
    return core::Error(core::ErrorCode::kStorage,
                       fmt::format("cannot open database '{}' (out of memory)", path));
  }
  if (rc != SQLITE_OK) return connection->error(rc);
  SIGTRADER_RETURN_IF_ERROR(connection->configure());
  return connection;
}

core::Status SqliteConnection::configure() {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms_);

  // The first statement that reads the file: a file that is not a database fails here.
  SIGTRADER_TRY(const std::string journal_mode, query_text("PRAGMA journal_mode=WAL"));
  const bool in_memory = path_ == kInMemory;
  if (journal_mode != (in_memory ? "memory" : "wal")) {
    return core::Error(core::ErrorCode::kStorage,
                       fmt::format("database '{}' could not switch to WAL journal mode (it is in "
                                   "'{}' mode); is it on a network file system?",
                                   path_, journal_mode));
  }
  // WAL makes NORMAL durable against application crashes; only a power loss may lose the last
  // transactions, never corrupt the database.
  SIGTRADER_RETURN_IF_ERROR(execute_script("PRAGMA synchronous=NORMAL"));
  SIGTRADER_RETURN_IF_ERROR(execute_script("PRAGMA foreign_keys=ON"));
  SIGTRADER_TRY(const std::string foreign_keys, query_text("PRAGMA foreign_keys"));
  if (foreign_keys != "1") {
    return core::Error(core::ErrorCode::kStorage,
                       fmt::format("database '{}': foreign keys could not be enabled (this SQLite "
                                   "was built without them)",
                                   path_));
  }
  return {};
}

core::Result<std::string> SqliteConnection::query_text(std::string_view pragma) {
  SIGTRADER_TRY(SqliteStatement statement, prepare(pragma));
  SIGTRADER_TRY(const bool has_row, statement.step());
  if (!has_row) return std::string();
  std::string value = statement.column_text(0);
  SIGTRADER_RETURN_IF_ERROR(statement.run());
  return value;
}

core::Status SqliteConnection::execute_script(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a terminated string
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(rc);
  return {};
}

core::Result<SqliteStatement> SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(statement);
    return error(rc);
  }
  return SqliteStatement(*this, statement);
}

core::Result<StatementLease> SqliteConnection::cached(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    SIGTRADER_TRY(SqliteStatement statement, prepare(sql));
    found = statements_
                .emplace(std::string(sql), std::make_unique<SqliteStatement>(std::move(statement)))
                .first;
  }
  return StatementLease(*found->second);
}

bool SqliteConnection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

std::int64_t SqliteConnection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

int SqliteConnection::changes() const {
  return sqlite3_changes(db_);
}

core::Error SqliteConnection::error(int rc) const {
  // sqlite3_errmsg describes the most recent failure on this connection, with details such as
  // the constraint that failed; sqlite3_errstr only names the result code.
  std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if (detail.empty() || detail == "not an error") detail = sqlite3_errstr(rc);

  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Error(core::ErrorCode::kUnavailable,
                         fmt::format("database '{}' is locked by another connection (still locked "
                                     "after waiting {} ms): {}",
                                     path_, busy_timeout_ms_, detail));
    case SQLITE_NOTADB:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("'{}' is not a SQLite database ({})", path_, detail));
    case SQLITE_CORRUPT:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("database '{}' is corrupt ({})", path_, detail));
    case SQLITE_CANTOPEN:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("cannot open database '{}' ({})", path_, detail));
    case SQLITE_READONLY:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("database '{}' is read-only ({})", path_, detail));
    case SQLITE_FULL:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("database '{}': the disk is full ({})", path_, detail));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return core::Error(core::ErrorCode::kAlreadyExists,
                           fmt::format("database '{}': {}", path_, detail));
      }
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("database '{}': {}", path_, detail));
    default:
      return core::Error(core::ErrorCode::kStorage,
                         fmt::format("database '{}': {}", path_, detail));
  }
}

}  // namespace sigtrader::storage
