#pragma once

#include <functional>

#include "core/result.hpp"
#include "storage/sqlite_connection.hpp"

namespace sigtrader::storage {

// Runs `work` in a transaction on `db`: commits when it returns ok, rolls back when it returns an
// error or throws (the exception continues). The outermost call takes the write lock up front
// (BEGIN IMMEDIATE), so a busy database fails at the start instead of halfway; a call inside
// another transaction becomes a savepoint, so nested work rolls back on its own.
core::Status run_in_transaction(SqliteConnection& db, const std::function<core::Status()>& work);

}  // namespace sigtrader::storage
