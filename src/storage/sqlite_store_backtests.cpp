// SqliteStore: backtest runs started from the API or the CLI, and their results.

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kBacktestColumns =
    "id, user_id, name, status, seed, config_toml, started_at, finished_at, metrics_json, "
    "report_path";

core::Result<BacktestRow> read_backtest(const SqliteStatement& statement) {
  RowReader row(statement, "backtests");
  BacktestRow backtest{
      .id = row.get<BacktestRowId>(0),
      .user_id = row.get_optional<core::UserId>(1),
      .name = row.get<std::string>(2),
      .status = row.get<std::string>(3),
      .seed = row.get<std::int64_t>(4),
      .config_toml = row.get<std::string>(5),
      .started_at = row.get<core::Timestamp>(6),
      .finished_at = row.get_optional<core::Timestamp>(7),
      .metrics_json = row.get<std::string>(8),
      .report_path = row.get_optional<std::string>(9),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return backtest;
}

}  // namespace

core::Result<BacktestRowId> SqliteStore::insert_backtest(const BacktestRow& backtest) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO backtests (user_id, name, status, seed, config_toml, "
                            "started_at, finished_at, metrics_json, report_path) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  statement->bind(1, backtest.user_id);
  statement->bind(2, backtest.name);
  statement->bind(3, backtest.status);
  statement->bind(4, backtest.seed);
  statement->bind(5, backtest.config_toml);
  statement->bind(6, backtest.started_at);
  statement->bind(7, backtest.finished_at);
  statement->bind(8, backtest.metrics_json);
  statement->bind(9, backtest.report_path);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("storing backtest '{}'", backtest.name));
  }
  return BacktestRowId(db_->last_insert_rowid());
}

core::Status SqliteStore::finish_backtest(const BacktestRow& backtest) {
  SIGTRADER_TRY(auto statement, db_->cached("UPDATE backtests SET status = ?2, finished_at = ?3, "
                                            "metrics_json = ?4, report_path = ?5 WHERE id = ?1"));
  statement->bind(1, backtest.id);
  statement->bind(2, backtest.status);
  statement->bind(3, backtest.finished_at);
  statement->bind(4, backtest.metrics_json);
  statement->bind(5, backtest.report_path);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("recording the result of backtest {}", backtest.id.value()));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no backtest {} in database '{}'", backtest.id.value(), path()));
  }
  return {};
}

core::Result<BacktestRow> SqliteStore::find_backtest(BacktestRowId id) {
  SIGTRADER_TRY(auto statement, db_->cached(fmt::format("SELECT {} FROM backtests WHERE id = ?1",
                                                        kBacktestColumns)));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no backtest {} in database '{}'", id.value(), path()));
  }
  return read_backtest(*statement);
}

core::Result<std::vector<BacktestRow>> SqliteStore::list_backtests(std::optional<core::UserId> user,
                                                                   std::size_t limit) {
  // Newest by start, ties (two runs started in the same nanosecond) by the later row.
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM backtests "
                                        "WHERE ?1 IS NULL OR user_id = ?1 "
                                        "ORDER BY started_at DESC, id DESC LIMIT ?2",
                                        kBacktestColumns)));
  statement->bind(1, user);
  statement->bind_count(2, limit);
  return read_all<BacktestRow>(*statement, read_backtest);
}

}  // namespace sigtrader::storage
