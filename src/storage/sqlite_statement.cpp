#include "storage/sqlite_statement.hpp"

#include <limits>
#include <utility>

#include <sqlite3.h>

#include "core/assert.hpp"
#include "storage/sqlite_connection.hpp"

namespace sigtrader::storage {
namespace {

void check_bind(int rc) {
  // Only a wrong index (SQLITE_RANGE), a finished-but-not-reset statement (SQLITE_MISUSE) or an
  // absurd size can fail here; each is a bug in the code that wrote the SQL.
  SIGTRADER_ASSERT(rc == SQLITE_OK, "binding a statement parameter failed");
}

}  // namespace

SqliteStatement::SqliteStatement(const SqliteConnection& connection, sqlite3_stmt* statement)
    : connection_(&connection), statement_(statement) {}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_),
      statement_(std::exchange(other.statement_, nullptr)),
      leased_(other.leased_) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    connection_ = other.connection_;
    statement_ = std::exchange(other.statement_, nullptr);
    leased_ = other.leased_;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(statement_);
}

void SqliteStatement::bind_null(int index) {
  check_bind(sqlite3_bind_null(statement_, index));
}

void SqliteStatement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(statement_, index, value));
}

void SqliteStatement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(statement_, index, value));
}

void SqliteStatement::bind(int index, std::string_view text) {
  check_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8));
}

void SqliteStatement::bind_count(int index, std::size_t count) {
  constexpr auto kMax = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  bind(index, static_cast<std::int64_t>(count < kMax ? count : kMax));
}

core::Result<bool> SqliteStatement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->error(rc);
}

core::Status SqliteStatement::run() {
  for (;;) {
    SIGTRADER_TRY(const bool has_row, step());
    if (!has_row) return {};
  }
}

void SqliteStatement::reset() {
  // The result code of reset repeats the last step's error, which step() already reported.
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int SqliteStatement::column_count() const {
  return sqlite3_column_count(statement_);
}

std::string_view SqliteStatement::column_name(int column) const {
  const char* name = sqlite3_column_name(statement_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

bool SqliteStatement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::column_int64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::column_double(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string SqliteStatement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_, column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

StatementLease::StatementLease(SqliteStatement& statement) : statement_(&statement) {
  SIGTRADER_ASSERT(!statement.leased(), "a cached statement is used twice at the same time");
  statement.set_leased(true);
}

StatementLease::StatementLease(StatementLease&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)) {}

StatementLease::~StatementLease() {
  if (statement_ == nullptr) return;
  statement_->reset();
  statement_->set_leased(false);
}

}  // namespace sigtrader::storage
