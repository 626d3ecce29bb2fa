// SqliteStore: paper sessions (`sigtrader run --mode paper`) and the signals they scheduled.

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kSessionColumns =
    "id, user_id, name, setup_hash, status, created_at, updated_at, checkpoint_ts, steps, "
    "signal_cursor, state_json";

core::Result<PaperSessionRow> read_session(const SqliteStatement& statement) {
  RowReader row(statement, "paper_sessions");
  PaperSessionRow session{
      .id = row.get<PaperSessionId>(0),
      .user_id = row.get<core::UserId>(1),
      .name = row.get<std::string>(2),
      .setup_hash = row.get<std::string>(3),
      .status = row.get<std::string>(4),
      .created_at = row.get<core::Timestamp>(5),
      .updated_at = row.get<core::Timestamp>(6),
      .checkpoint = row.get_optional<core::Timestamp>(7),
      .steps = row.get<std::int64_t>(8),
      .signal_cursor = row.get<SignalRowId>(9),
      .state_json = row.get<std::string>(10),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return session;
}

core::Result<PaperSignalRow> read_paper_signal(const SqliteStatement& statement) {
  RowReader row(statement, "paper_session_signals");
  PaperSignalRow signal{.sequence = row.get<std::int64_t>(0),
                        .signal = row.get<SignalRowId>(1),
                        .due_at = row.get<core::Timestamp>(2),
                        .after_step = row.get<std::int64_t>(3)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return signal;
}

}  // namespace

core::Result<PaperSessionId> SqliteStore::create_paper_session(const PaperSessionRow& session) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO paper_sessions (user_id, name, setup_hash, status, "
                            "created_at, updated_at, checkpoint_ts, steps, signal_cursor, "
                            "state_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  statement->bind(1, session.user_id);
  statement->bind(2, session.name);
  statement->bind(3, session.setup_hash);
  statement->bind(4, session.status);
  statement->bind(5, session.created_at);
  statement->bind(6, session.updated_at);
  statement->bind(7, session.checkpoint);
  statement->bind(8, session.steps);
  statement->bind(9, session.signal_cursor);
  statement->bind(10, session.state_json);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("storing paper session '{}'", session.name));
  }
  return PaperSessionId(db_->last_insert_rowid());
}

core::Result<PaperSessionRow> SqliteStore::find_paper_session(PaperSessionId id) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("SELECT {} FROM paper_sessions WHERE id = ?1", kSessionColumns)));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no paper session {} in database '{}'", id.value(), path()));
  }
  return read_session(*statement);
}

core::Result<PaperSessionRow> SqliteStore::find_resumable_paper_session(core::UserId user,
                                                                        std::string_view name) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM paper_sessions WHERE user_id = ?1 AND "
                                        "name = ?2 AND status IN ('running', 'stopped') "
                                        "ORDER BY id DESC LIMIT 1",
                                        kSessionColumns)));
  statement->bind(1, user);
  statement->bind(2, name);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("no unfinished paper session '{}' in database '{}'", name, path()));
  }
  return read_session(*statement);
}

core::Result<PaperSessionRow> SqliteStore::latest_paper_session(core::UserId user) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM paper_sessions WHERE user_id = ?1 "
                                        "ORDER BY id DESC LIMIT 1",
                                        kSessionColumns)));
  statement->bind(1, user);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("user {} has no paper session in database '{}'", user.value(), path()));
  }
  return read_session(*statement);
}

core::Status SqliteStore::set_paper_session_status(PaperSessionId id, std::string_view status,
                                                   core::Timestamp updated_at) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached("UPDATE paper_sessions SET status = ?2, updated_at = ?3 WHERE id = ?1"));
  statement->bind(1, id);
  statement->bind(2, status);
  statement->bind(3, updated_at);
  if (auto result = statement->run(); !result.ok()) {
    return result.error().with_context(
        fmt::format("setting paper session {} to '{}'", id.value(), status));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no paper session {} in database '{}'", id.value(), path()));
  }
  return {};
}

core::Status SqliteStore::checkpoint_paper_session(PaperSessionId id,
                                                   const PaperCheckpoint& checkpoint) {
  SIGTRADER_TRY(auto statement,
                db_->cached("UPDATE paper_sessions SET checkpoint_ts = ?2, steps = ?3, "
                            "state_json = ?4, updated_at = ?5 WHERE id = ?1"));
  statement->bind(1, id);
  statement->bind(2, checkpoint.instant);
  statement->bind(3, checkpoint.steps);
  statement->bind(4, checkpoint.state_json);
  statement->bind(5, checkpoint.updated_at);
  if (auto result = statement->run(); !result.ok()) {
    return result.error().with_context(fmt::format("checkpointing paper session {}", id.value()));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no paper session {} in database '{}'", id.value(), path()));
  }
  return {};
}

core::Status SqliteStore::record_paper_signals(PaperSessionId id,
                                               const std::vector<PaperSignalRow>& signals,
                                               SignalRowId cursor) {
  return in_transaction([&]() -> core::Status {
    for (const PaperSignalRow& signal : signals) {
      SIGTRADER_TRY(auto statement,
                    db_->cached("INSERT INTO paper_session_signals (session_id, sequence, "
                                "signal_id, due_at, after_step) VALUES (?1, ?2, ?3, ?4, ?5)"));
      statement->bind(1, id);
      statement->bind(2, signal.sequence);
      statement->bind(3, signal.signal);
      statement->bind(4, signal.due_at);
      statement->bind(5, signal.after_step);
      if (auto result = statement->run(); !result.ok()) {
        return result.error().with_context(fmt::format("recording signal {} of paper session {}",
                                                       signal.signal.value(), id.value()));
      }
    }
    SIGTRADER_TRY(auto statement,
                  db_->cached("UPDATE paper_sessions SET signal_cursor = max(signal_cursor, ?2) "
                              "WHERE id = ?1"));
    statement->bind(1, id);
    statement->bind(2, cursor);
    if (auto result = statement->run(); !result.ok()) return result.error();
    if (db_->changes() == 0) {
      return core::Error(core::ErrorCode::kNotFound,
                         fmt::format("no paper session {} in database '{}'", id.value(), path()));
    }
    return {};
  });
}

core::Result<std::vector<PaperSignalRow>> SqliteStore::paper_session_signals(PaperSessionId id) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached("SELECT sequence, signal_id, due_at, after_step FROM paper_session_signals "
                  "WHERE session_id = ?1 ORDER BY sequence"));
  statement->bind(1, id);
  return read_all<PaperSignalRow>(*statement, read_paper_signal);
}

}  // namespace sigtrader::storage
