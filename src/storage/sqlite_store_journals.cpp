// SqliteStore: the append-only journals (risk events, account snapshots, AI decisions).

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

core::Result<RiskEventRow> read_risk_event(const SqliteStatement& statement) {
  RowReader row(statement, "risk_events");
  RiskEventRow event{
      .id = row.get<RiskEventRowId>(0),
      .user_id = row.get<core::UserId>(1),
      .ts = row.get<core::Timestamp>(2),
      .kind = row.get<std::string>(3),
      .symbol = row.get_optional<core::Symbol>(4),
      .client_order_id = row.get_optional<core::ClientOrderId>(5),
      .reason = row.get<std::string>(6),
      .details_json = row.get<std::string>(7),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return event;
}

constexpr std::string_view kSnapshotColumns =
    "id, user_id, venue, ts, currency, equity, balance, unrealized_pnl, margin_used, balances_json";

// Reads a row of kSnapshotColumns.
core::Result<AccountSnapshotRow> read_snapshot(const SqliteStatement& statement) {
  RowReader row(statement, "account_snapshots");
  AccountSnapshotRow snapshot{
      .id = row.get<AccountSnapshotRowId>(0),
      .user_id = row.get<core::UserId>(1),
      .venue = row.get<std::string>(2),
      .ts = row.get<core::Timestamp>(3),
      .currency = row.get<std::string>(4),
      .equity = row.get<core::Money>(5),
      .balance = row.get<core::Money>(6),
      .unrealized_pnl = row.get<core::Money>(7),
      .margin_used = row.get<core::Money>(8),
      .balances_json = row.get<std::string>(9),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return snapshot;
}

core::Result<AiDecisionRow> read_ai_decision(const SqliteStatement& statement) {
  RowReader row(statement, "ai_decisions");
  AiDecisionRow decision{
      .id = row.get<AiDecisionRowId>(0),
      .user_id = row.get_optional<core::UserId>(1),
      .signal_id = row.get_optional<SignalRowId>(2),
      .trace_id = row.get_optional<core::TraceId>(3),
      .ts = row.get<core::Timestamp>(4),
      .kind = row.get<std::string>(5),
      .model = row.get<std::string>(6),
      .decision = row.get<std::string>(7),
      .confidence = row.get_optional<double>(8),
      .latency = row.get<core::Duration>(9),
      .input_json = row.get<std::string>(10),
      .output_json = row.get<std::string>(11),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return decision;
}

// The risk event columns, then the channel and the message id its details name.
core::Result<PostDecision> read_post_decision(const SqliteStatement& statement) {
  SIGTRADER_TRY(RiskEventRow decision, read_risk_event(statement));
  RowReader row(statement, "risk_events");
  PostDecision out{.post = PostKey{.channel = row.get<core::ChannelId>(8),
                                   .message = row.get<core::MessageId>(9)},
                   .decision = std::move(decision)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return out;
}

// Whether the row at `position` (of `rows`, oldest first) is the next one account_snapshots()
// keeps, `kept` rows having been kept before it.
bool kept_when_thinned(std::size_t position, std::size_t kept, std::size_t rows,
                       std::size_t limit) {
  if (rows <= limit) return true;
  if (limit == 1) return position + 1 == rows;
  return kept * (rows - 1) / (limit - 1) == position;
}

}  // namespace

core::Result<RiskEventRowId> SqliteStore::append_risk_event(const RiskEventRow& event) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO risk_events (user_id, ts, kind, symbol, client_order_id, "
                            "reason, details_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  statement->bind(1, event.user_id);
  statement->bind(2, event.ts);
  statement->bind(3, event.kind);
  statement->bind(4, event.symbol);
  statement->bind(5, event.client_order_id);
  statement->bind(6, event.reason);
  statement->bind(7, event.details_json);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("storing risk event '{}'", event.kind));
  }
  return RiskEventRowId(db_->last_insert_rowid());
}

core::Result<std::vector<RiskEventRow>> SqliteStore::recent_risk_events(core::UserId user,
                                                                        std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, user_id, ts, kind, symbol, client_order_id, reason, "
                            "details_json FROM risk_events WHERE user_id = ?1 "
                            "ORDER BY ts DESC, id DESC LIMIT ?2"));
  statement->bind(1, user);
  statement->bind_count(2, limit);
  return read_all<RiskEventRow>(*statement, read_risk_event);
}

core::Result<AccountSnapshotRowId> SqliteStore::append_account_snapshot(
    const AccountSnapshotRow& snapshot) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO account_snapshots (user_id, venue, ts, currency, equity, "
                            "balance, unrealized_pnl, margin_used, balances_json) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  statement->bind(1, snapshot.user_id);
  statement->bind(2, snapshot.venue);
  statement->bind(3, snapshot.ts);
  statement->bind(4, snapshot.currency);
  statement->bind(5, snapshot.equity);
  statement->bind(6, snapshot.balance);
  statement->bind(7, snapshot.unrealized_pnl);
  statement->bind(8, snapshot.margin_used);
  statement->bind(9, snapshot.balances_json);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("storing an account snapshot of user {} at '{}'",
                                                   snapshot.user_id.value(), snapshot.venue));
  }
  return AccountSnapshotRowId(db_->last_insert_rowid());
}

core::Result<AccountSnapshotRow> SqliteStore::latest_account_snapshot(core::UserId user,
                                                                      std::string_view venue) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM account_snapshots WHERE user_id = ?1 AND "
                                        "venue = ?2 ORDER BY ts DESC, id DESC LIMIT 1",
                                        kSnapshotColumns)));
  statement->bind(1, user);
  statement->bind(2, venue);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no account snapshot of user {} at '{}' in database '{}'",
                                   user.value(), venue, path()));
  }
  return read_snapshot(*statement);
}

core::Result<AccountSnapshotRow> SqliteStore::first_account_snapshot(core::UserId user,
                                                                     std::string_view venue,
                                                                     core::Timestamp before) {
  return snapshot_before(user, venue, before, "ts, id");
}

core::Result<AccountSnapshotRow> SqliteStore::latest_account_snapshot_before(
    core::UserId user, std::string_view venue, core::Timestamp before) {
  return snapshot_before(user, venue, before, "ts DESC, id DESC");
}

core::Result<AccountSnapshotRow> SqliteStore::snapshot_before(core::UserId user,
                                                              std::string_view venue,
                                                              core::Timestamp before,
                                                              std::string_view order) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM account_snapshots WHERE user_id = ?1 AND "
                                        "venue = ?2 AND ts < ?3 ORDER BY {} LIMIT 1",
                                        kSnapshotColumns, order)));
  statement->bind(1, user);
  statement->bind(2, venue);
  statement->bind(3, before);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no account snapshot of user {} at '{}' before {} in database "
                                   "'{}'",
                                   user.value(), venue, before.to_iso8601(), path()));
  }
  return read_snapshot(*statement);
}

// Thinning keeps k = limit of the n rows (n > k), at positions floor(j * (n - 1) / (k - 1)) for
// j = 0 .. k - 1 of the oldest-first list: the first and the last row and evenly spaced ones in
// between (10 rows, limit 4: positions 0, 3, 6, 9). A limit of 1 keeps only the last row, the
// current equity.
core::Result<std::vector<AccountSnapshotRow>> SqliteStore::account_snapshots(core::UserId user,
                                                                             std::string_view venue,
                                                                             core::Timestamp from,
                                                                             core::Timestamp to,
                                                                             std::size_t limit) {
  // The count comes with every row so that it describes the same rows the statement returns.
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {}, count(*) OVER () FROM account_snapshots "
                                        "WHERE user_id = ?1 AND venue = ?2 AND ts >= ?3 AND "
                                        "ts < ?4 ORDER BY ts, id",
                                        kSnapshotColumns)));
  statement->bind(1, user);
  statement->bind(2, venue);
  statement->bind(3, from);
  statement->bind(4, to);
  std::vector<AccountSnapshotRow> snapshots;
  if (limit == 0) return snapshots;
  std::size_t position = 0;
  std::size_t kept = 0;  // j: how many rows have been kept
  for (;; ++position) {
    SIGTRADER_TRY(const bool has_row, statement->step());
    if (!has_row) return snapshots;
    const auto rows = static_cast<std::size_t>(statement->column_int64(10));
    if (!kept_when_thinned(position, kept, rows, limit)) continue;
    SIGTRADER_TRY(AccountSnapshotRow snapshot, read_snapshot(*statement));
    snapshots.push_back(std::move(snapshot));
    ++kept;
  }
}

core::Result<std::vector<RiskEventRow>> SqliteStore::decisions_for_message(
    core::UserId user, const core::ChannelId& channel, core::MessageId message) {
  // The message id is compared as text, whether the details hold it as a string (as the risk
  // engine writes it) or as a number. '_' is a LIKE wildcard, hence the escape.
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, user_id, ts, kind, symbol, client_order_id, reason, "
                            "details_json FROM risk_events WHERE user_id = ?1 "
                            "AND kind LIKE 'decision\\_%' ESCAPE '\\' "
                            "AND json_extract(details_json, '$.channel') = ?2 "
                            "AND CAST(json_extract(details_json, '$.message_id') AS TEXT) = ?3 "
                            "ORDER BY ts, id"));
  statement->bind(1, user);
  statement->bind(2, channel);
  statement->bind(3, std::to_string(message.value()));
  return read_all<RiskEventRow>(*statement, read_risk_event);
}

core::Result<std::vector<PostDecision>> SqliteStore::latest_decisions_for_messages(
    core::UserId user, const std::vector<PostKey>& posts) {
  if (posts.empty()) return std::vector<PostDecision>{};
  // The posts travel as one JSON array of [channel, message id as text] pairs; the decisions are
  // matched as decisions_for_message() matches them, and the newest of each post is kept.
  boost::json::array wanted;
  for (const PostKey& post : posts) {
    wanted.push_back(boost::json::array{post.channel.str(), std::to_string(post.message.value())});
  }
  SIGTRADER_TRY(
      auto statement,
      db_->cached("WITH decisions AS (SELECT id, user_id, ts, kind, symbol, client_order_id, "
                  "reason, details_json, json_extract(details_json, '$.channel') AS channel, "
                  "CAST(json_extract(details_json, '$.message_id') AS TEXT) AS message_id "
                  "FROM risk_events WHERE user_id = ?1 AND kind LIKE 'decision\\_%' ESCAPE '\\'), "
                  "ranked AS (SELECT *, row_number() OVER (PARTITION BY channel, message_id "
                  "ORDER BY ts DESC, id DESC) AS newest FROM decisions "
                  "WHERE (channel, message_id) IN (SELECT json_extract(value, '$[0]'), "
                  "json_extract(value, '$[1]') FROM json_each(?2))) "
                  "SELECT id, user_id, ts, kind, symbol, client_order_id, reason, details_json, "
                  "channel, CAST(message_id AS INTEGER) FROM ranked WHERE newest = 1 "
                  "ORDER BY channel, CAST(message_id AS INTEGER)"));
  statement->bind(1, user);
  statement->bind(2, boost::json::serialize(wanted));
  return read_all<PostDecision>(*statement, read_post_decision);
}

core::Result<AiDecisionRowId> SqliteStore::append_ai_decision(const AiDecisionRow& decision) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO ai_decisions (user_id, signal_id, trace_id, ts, kind, "
                            "model, decision, confidence, latency_ns, input_json, output_json) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  statement->bind(1, decision.user_id);
  statement->bind(2, decision.signal_id);
  statement->bind(3, decision.trace_id);
  statement->bind(4, decision.ts);
  statement->bind(5, decision.kind);
  statement->bind(6, decision.model);
  statement->bind(7, decision.decision);
  statement->bind(8, decision.confidence);
  statement->bind(9, decision.latency);
  statement->bind(10, decision.input_json);
  statement->bind(11, decision.output_json);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("storing an AI decision of model '{}'", decision.model));
  }
  return AiDecisionRowId(db_->last_insert_rowid());
}

core::Result<std::vector<AiDecisionRow>> SqliteStore::recent_ai_decisions(std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, user_id, signal_id, trace_id, ts, kind, model, decision, "
                            "confidence, latency_ns, input_json, output_json FROM ai_decisions "
                            "ORDER BY ts DESC, id DESC LIMIT ?1"));
  statement->bind_count(1, limit);
  return read_all<AiDecisionRow>(*statement, read_ai_decision);
}

}  // namespace sigtrader::storage
