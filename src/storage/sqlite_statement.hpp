#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

struct sqlite3_stmt;

namespace sigtrader::storage {

class SqliteConnection;

// One prepared SQL statement, finalized when destroyed. Parameters are 1-based as in SQLite,
// columns 0-based. Binding an index the statement does not have is a bug and asserts.
// Typed values are stored as sigtrader stores them everywhere: timestamps and durations as
// INTEGER nanoseconds, prices/quantities/money as their exact decimal TEXT, ids and enums as TEXT.
class SqliteStatement {
 public:
  SqliteStatement(const SqliteConnection& connection, sqlite3_stmt* statement);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  void bind_null(int index);
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, bool value) { bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  void bind(int index, double value);
  void bind(int index, std::string_view text);
  void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
  // Without this overload a string literal would convert to bool.
  void bind(int index, const char* text) { bind(index, std::string_view(text)); }
  // A row count (LIMIT), clamped to SQLite's integer range.
  void bind_count(int index, std::size_t count);
  void bind(int index, core::Timestamp time) { bind(index, time.ns()); }
  void bind(int index, core::Duration duration) { bind(index, duration.count_ns()); }
  void bind(int index, const core::Symbol& symbol) { bind(index, symbol.to_string()); }
  void bind(int index, core::OrderSide side) { bind(index, core::to_string(side)); }
  void bind(int index, core::PositionSide side) { bind(index, core::to_string(side)); }
  void bind(int index, core::OrderType type) { bind(index, core::to_string(type)); }
  void bind(int index, core::OrderStatus status) { bind(index, core::to_string(status)); }
  void bind(int index, core::TimeInForce tif) { bind(index, core::to_string(tif)); }
  template <typename Tag>
  void bind(int index, core::FixedPoint<Tag> value) {
    bind(index, value.to_string());
  }
  template <typename Tag>
  void bind(int index, const core::TextId<Tag>& id) {
    bind(index, std::string_view(id.str()));
  }
  template <typename Tag>
  void bind(int index, core::NumericId<Tag> id) {
    bind(index, id.value());
  }
  template <typename T>
  void bind(int index, const std::optional<T>& value) {
    if (value) {
      bind(index, *value);
    } else {
      bind_null(index);
    }
  }

  // Runs one step: true when a row is ready to read, false when the statement has finished.
  core::Result<bool> step();
  // Steps a statement that returns no rows (INSERT, UPDATE, DDL) to its end.
  core::Status run();
  // Makes the statement ready to run again and clears its bindings.
  void reset();

  int column_count() const;
  std::string_view column_name(int column) const;
  bool column_is_null(int column) const;
  std::int64_t column_int64(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;

  // Set while a StatementLease holds the statement, so that two users of one cached statement
  // (a bug) are caught instead of resetting each other.
  bool leased() const { return leased_; }
  void set_leased(bool leased) { leased_ = leased; }

 private:
  const SqliteConnection* connection_;
  sqlite3_stmt* statement_;
  bool leased_ = false;
};

// Borrows a cached statement for one use and resets it when the use ends, so that a finished
// SELECT never keeps a read transaction open.
class StatementLease {
 public:
  explicit StatementLease(SqliteStatement& statement);
  StatementLease(StatementLease&& other) noexcept;
  StatementLease& operator=(StatementLease&&) = delete;
  StatementLease(const StatementLease&) = delete;
  StatementLease& operator=(const StatementLease&) = delete;
  ~StatementLease();

  SqliteStatement& operator*() const { return *statement_; }
  SqliteStatement* operator->() const { return statement_; }

 private:
  SqliteStatement* statement_;
};

}  // namespace sigtrader::storage
