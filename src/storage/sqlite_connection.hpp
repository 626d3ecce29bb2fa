#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/result.hpp"
#include "storage/sqlite_statement.hpp"

struct sqlite3;

namespace sigtrader::storage {

// How to open a database file.
struct ConnectionOptions {
  bool create_if_missing = true;  // false: a missing file is kNotFound instead of a new database
  int busy_timeout_ms = 5000;     // how long a write waits for another connection's lock
};

// An open SQLite database set up as sigtrader needs it: WAL journal, foreign keys enforced (and
// checked to be), a busy timeout, extended result codes. It caches prepared statements by their
// SQL text. Not thread-safe: one thread owns a connection.
class SqliteConnection {
 public:
  // Opens (or creates) `path`, or an in-memory database for ":memory:". Errors name the path:
  // kNotFound for a missing file when !create_if_missing, kStorage for a file that is not a
  // database or cannot be opened, kUnavailable when another connection's lock outlasts the timeout.
  static core::Result<std::unique_ptr<SqliteConnection>> open(const std::string& path,
                                                              ConnectionOptions options = {});

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  const std::string& path() const { return path_; }
  int busy_timeout_ms() const { return busy_timeout_ms_; }
  sqlite3* handle() const { return db_; }

  // Runs SQL text holding one or more statements that return no rows (DDL, migration scripts).
  core::Status execute_script(std::string_view sql);
  // A statement prepared for one use (or for the caller to keep).
  core::Result<SqliteStatement> prepare(std::string_view sql);
  // The statement for `sql`, prepared on first use and kept for the connection's life; the lease
  // resets it when the caller is done.
  core::Result<StatementLease> cached(std::string_view sql);

  // True while a transaction (BEGIN ... COMMIT) is open on this connection.
  bool in_transaction() const;
  std::int64_t last_insert_rowid() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;

  // The Error for SQLite result code `rc` (the last failure on this connection), naming the
  // database: kUnavailable for a lock held too long, kAlreadyExists for a UNIQUE or PRIMARY KEY
  // violation, kStorage for everything else ("'x.db' is not a SQLite database (file is not a
  // database)").
  core::Error error(int rc) const;

 private:
  SqliteConnection(sqlite3* db, std::string path, int busy_timeout_ms);
  core::Status configure();
  core::Result<std::string> query_text(std::string_view pragma);

  sqlite3* db_;
  std::string path_;
  int busy_timeout_ms_;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> statements_;
};

}  // namespace sigtrader::storage
