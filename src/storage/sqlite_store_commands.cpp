// SqliteStore: operator commands (cancel, close, set policy, ...) from the API to the engine.

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kCommandColumns =
    "id, user_id, kind, args_json, who, status, result, created_at, applied_at, session_id, step";

core::Result<OperatorCommandRow> read_command(const SqliteStatement& statement) {
  RowReader row(statement, "operator_commands");
  OperatorCommandRow command{
      .id = row.get<OperatorCommandId>(0),
      .user_id = row.get<core::UserId>(1),
      .kind = row.get<std::string>(2),
      .args_json = row.get<std::string>(3),
      .who = row.get<std::string>(4),
      .status = row.get<std::string>(5),
      .result = row.get<std::string>(6),
      .created_at = row.get<core::Timestamp>(7),
      .applied_at = row.get_optional<core::Timestamp>(8),
      .session = row.get_optional<PaperSessionId>(9),
      .step = row.get_optional<std::int64_t>(10),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return command;
}

}  // namespace

core::Result<OperatorCommandId> SqliteStore::insert_operator_command(
    const OperatorCommandRow& command) {
  if (command.kind.empty()) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("an operator command of user {} has no kind", command.user_id.value()));
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO operator_commands (user_id, kind, args_json, who, status, "
                            "result, created_at, applied_at, session_id, step) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  statement->bind(1, command.user_id);
  statement->bind(2, command.kind);
  statement->bind(3, command.args_json);
  statement->bind(4, command.who);
  statement->bind(5, command.status);
  statement->bind(6, command.result);
  statement->bind(7, command.created_at);
  statement->bind(8, command.applied_at);
  statement->bind(9, command.session);
  statement->bind(10, command.step);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("storing operator command '{}' of user {}",
                                                   command.kind, command.user_id.value()));
  }
  return OperatorCommandId(db_->last_insert_rowid());
}

core::Result<OperatorCommandRow> SqliteStore::find_operator_command(OperatorCommandId id) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("SELECT {} FROM operator_commands WHERE id = ?1", kCommandColumns)));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no operator command {} in database '{}'", id.value(), path()));
  }
  return read_command(*statement);
}

core::Result<std::vector<OperatorCommandRow>> SqliteStore::pending_operator_commands(
    core::UserId user, std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM operator_commands WHERE user_id = ?1 AND "
                                        "status = 'pending' ORDER BY id LIMIT ?2",
                                        kCommandColumns)));
  statement->bind(1, user);
  statement->bind_count(2, limit);
  return read_all<OperatorCommandRow>(*statement, read_command);
}

core::Status SqliteStore::finish_operator_command(const OperatorCommandRow& command) {
  if (command.status != "applied" && command.status != "failed") {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("operator command {} can only finish as applied or failed, "
                                   "not '{}'",
                                   command.id.value(), command.status));
  }
  // Only a pending command changes, so two engines (or a retry) cannot both record an outcome.
  SIGTRADER_TRY(auto statement,
                db_->cached("UPDATE operator_commands SET status = ?2, result = ?3, "
                            "applied_at = ?4, session_id = ?5, step = ?6 "
                            "WHERE id = ?1 AND status = 'pending'"));
  statement->bind(1, command.id);
  statement->bind(2, command.status);
  statement->bind(3, command.result);
  statement->bind(4, command.applied_at);
  statement->bind(5, command.session);
  statement->bind(6, command.step);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("recording the outcome of operator command {}", command.id.value()));
  }
  if (db_->changes() == 1) return {};
  SIGTRADER_TRY(const OperatorCommandRow stored, find_operator_command(command.id));
  return core::Error(core::ErrorCode::kRejected,
                     fmt::format("operator command {} is already {}; its outcome is not recorded "
                                 "again",
                                 command.id.value(), stored.status));
}

core::Result<std::vector<OperatorCommandRow>> SqliteStore::session_operator_commands(
    PaperSessionId session) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM operator_commands WHERE session_id = ?1 "
                                        "AND status = 'applied' ORDER BY step, id",
                                        kCommandColumns)));
  statement->bind(1, session);
  return read_all<OperatorCommandRow>(*statement, read_command);
}

}  // namespace sigtrader::storage
