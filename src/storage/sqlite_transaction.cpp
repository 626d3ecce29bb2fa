#include "storage/sqlite_transaction.hpp"

#include <string>

namespace sigtrader::storage {
namespace {

// The SQL that opens, commits and abandons one level of transaction.
struct TransactionSql {
  std::string begin;
  std::string commit;
  std::string rollback;
};

TransactionSql transaction_sql(const SqliteConnection& db) {
  if (!db.in_transaction()) return {"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
  // Nested levels may share one savepoint name: ROLLBACK TO and RELEASE act on the most recent
  // savepoint of that name, which is this level's.
  return {"SAVEPOINT sigtrader_nested", "RELEASE sigtrader_nested",
          "ROLLBACK TO sigtrader_nested; RELEASE sigtrader_nested"};
}

}  // namespace

core::Status run_in_transaction(SqliteConnection& db, const std::function<core::Status()>& work) {
  const TransactionSql sql = transaction_sql(db);
  SIGTRADER_RETURN_IF_ERROR(db.execute_script(sql.begin));
  core::Status outcome;
  try {
    outcome = work();
  } catch (...) {
    // The rollback's own failure cannot be reported past the exception; SQLite rolls back an
    // open transaction when the connection closes in any case.
    (void)db.execute_script(sql.rollback);
    throw;
  }
  if (outcome.ok()) {
    outcome = db.execute_script(sql.commit);
    if (outcome.ok()) return outcome;
  }
  (void)db.execute_script(sql.rollback);
  return outcome;
}

}  // namespace sigtrader::storage
