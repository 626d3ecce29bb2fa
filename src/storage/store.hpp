#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/rows.hpp"

namespace sigtrader::storage {

// Everything the program keeps on disk (DESIGN.md section 6), behind one interface so that the
// rest of the program does not know whether SQLite or PostgreSQL holds it. Errors carry the
// database's name: kNotFound for a missing row, kAlreadyExists for a duplicate key,
// kUnavailable for a database locked by another process, kStorage for anything else.
// A Store is used from one thread (the kernel's).
class Store {
 public:
  virtual ~Store() = default;

  // --- schema ---
  // Applies the pending migrations; returns how many were applied (0 when up to date).
  virtual core::Result<int> migrate() = 0;
  // The database's schema version; 0 for an empty database.
  virtual core::Result<int> schema_version() = 0;
  // Every table with its row count, by table name.
  virtual core::Result<std::vector<TableInfo>> table_counts() = 0;
  // Runs `work` as one transaction: commits when it returns ok, rolls back when it returns an
  // error or throws. Calls may nest; an inner failure rolls back only the inner work.
  virtual core::Status in_transaction(const std::function<core::Status()>& work) = 0;

  // --- users ---
  // kAlreadyExists when the name is taken.
  virtual core::Result<UserRow> create_user(std::string_view name, core::Timestamp created_at) = 0;
  virtual core::Result<UserRow> find_user(std::string_view name) = 0;  // kNotFound
  virtual core::Result<UserRow> find_user(core::UserId id) = 0;        // kNotFound
  // admin | trader | viewer; kInvalidArgument for another role, kNotFound for no such user.
  virtual core::Status set_user_role(core::UserId id, std::string_view role) = 0;
  virtual core::Result<std::vector<UserRow>> list_users() = 0;  // by id

  // --- API keys ---
  // kAlreadyExists when the prefix is taken.
  virtual core::Result<ApiKeyRowId> insert_api_key(const ApiKeyRow& key) = 0;
  virtual core::Result<ApiKeyRow> find_api_key(std::string_view prefix) = 0;          // kNotFound
  virtual core::Result<std::vector<ApiKeyRow>> list_api_keys(core::UserId user) = 0;  // by id
  virtual core::Status touch_api_key(ApiKeyRowId id, core::Timestamp used_at) = 0;
  // Revoked keys stay listed but no longer authenticate; kNotFound for an unknown prefix.
  virtual core::Status revoke_api_key(std::string_view prefix, core::Timestamp revoked_at) = 0;

  // --- operator commands ---
  virtual core::Result<OperatorCommandId> insert_operator_command(
      const OperatorCommandRow& command) = 0;
  virtual core::Result<OperatorCommandRow> find_operator_command(
      OperatorCommandId id) = 0;  // kNotFound
  // A user's pending commands, oldest first, at most `limit`.
  virtual core::Result<std::vector<OperatorCommandRow>> pending_operator_commands(
      core::UserId user, std::size_t limit) = 0;
  // Records the outcome of a pending command (status applied or failed, result, applied_at,
  // session and step); kNotFound, or kRejected when it is no longer pending.
  virtual core::Status finish_operator_command(const OperatorCommandRow& command) = 0;
  // The commands a paper session applied, by step then id: what a replay applies again.
  virtual core::Result<std::vector<OperatorCommandRow>> session_operator_commands(
      PaperSessionId session) = 0;

  // --- channels and messages ---
  // Inserts the channel, or updates the source and title of a stored one (created_at is kept).
  virtual core::Status upsert_channel(const ChannelRow& channel) = 0;
  virtual core::Result<ChannelRow> find_channel(const core::ChannelId& id) = 0;  // kNotFound
  virtual core::Result<std::vector<ChannelRow>> list_channels() = 0;             // by id
  // Stores a post once: a second insert of the same (channel, message id) writes nothing and
  // returns the stored row's id with is_new = false. The one exception is an edit: a different
  // text with an edited_at later than the stored one (or the first edited_at) adds a version
  // (is_new_version = true; the first edit also records the original text as version 1) and
  // the row then holds the newest text and edited_at. The channel must exist.
  virtual core::Result<InsertedMessage> insert_message(const MessageRow& message) = 0;
  // The texts of an edited post, oldest first; empty for a post that was never edited.
  virtual core::Result<std::vector<MessageVersionRow>> message_versions(MessageRowId message) = 0;
  // Posts of a channel with from <= ts_event < to, oldest first, at most `limit`.
  virtual core::Result<std::vector<MessageRow>> list_messages(const core::ChannelId& channel,
                                                              core::Timestamp from,
                                                              core::Timestamp to,
                                                              std::size_t limit) = 0;
  virtual core::Result<SignalRowId> insert_signal(const SignalRow& signal) = 0;
  // Signals parsed from one message, in insertion order.
  virtual core::Result<std::vector<SignalRow>> signals_for_message(MessageRowId message) = 0;

  // --- signals, replays and channel statistics ---
  // Signals rows with ids after `after`, by id, at most `limit`, with their posts' message ids:
  // what a running consumer has not seen yet (ids only grow).
  virtual core::Result<std::vector<SignalWithPost>> signals_after(SignalRowId after,
                                                                  std::size_t limit) = 0;
  virtual core::Result<SignalWithPost> find_signal_with_post(SignalRowId id) = 0;  // kNotFound
  // The stored post (channel, message id); kNotFound.
  virtual core::Result<MessageRow> find_message(const core::ChannelId& channel,
                                                core::MessageId message) = 0;
  virtual core::Result<SignalRow> find_signal(SignalRowId id) = 0;  // kNotFound
  // Signals with their posts' ids and texts, newest first, as the query says.
  virtual core::Result<std::vector<SignalListing>> list_signals(const SignalQuery& query) = 0;
  // The signal read from the newest version of a message that has one; kNotFound.
  virtual core::Result<SignalRow> latest_signal_of_message(MessageRowId message) = 0;
  // The signal read from one version of a message; kNotFound.
  virtual core::Result<SignalRow> signal_of_version(MessageRowId message, int version) = 0;
  // Signals of a channel with from <= ts_init < to, oldest first (ties by id), at most `limit`.
  virtual core::Result<std::vector<SignalRow>> signals_for_channel(const core::ChannelId& channel,
                                                                   core::Timestamp from,
                                                                   core::Timestamp to,
                                                                   std::size_t limit) = 0;
  // Every text of the posts (of one channel, or of all for std::nullopt) that became visible with
  // from <= ts_init < to, in the order a replay sees them: by ts_init, then message row, then
  // version; at most `limit`, starting after `after` when given (to page through).
  virtual core::Result<std::vector<PostVersionRow>> post_versions_between(
      const std::optional<core::ChannelId>& channel, core::Timestamp from, core::Timestamp to,
      std::size_t limit, const std::optional<PostVersionCursor>& after) = 0;
  // Stores a channel's statistics, outcomes included, replacing the stored ones.
  virtual core::Status put_channel_stats(const ChannelStatsRow& stats) = 0;
  // Counts the channel's signals (the latest reading of each message) and stores the counts,
  // keeping the stored outcomes; returns the stored row.
  virtual core::Result<ChannelStatsRow> refresh_channel_stats(const core::ChannelId& channel,
                                                              core::Timestamp updated_at) = 0;
  virtual core::Result<ChannelStatsRow> channel_stats(
      const core::ChannelId& channel) = 0;                                      // kNotFound
  virtual core::Result<std::vector<ChannelStatsRow>> list_channel_stats() = 0;  // by channel id

  // --- orders and fills ---
  // Stores a new order. An order whose client order id is already stored is refused with
  // kAlreadyExists (naming the id and the stored row) and nothing is written: a retry must look
  // the order up with find_order() instead of creating it again.
  virtual core::Result<OrderRowId> insert_order(const OrderRow& order) = 0;
  // kNotFound when no order has this client order id.
  virtual core::Status update_order(const core::ClientOrderId& id, const OrderUpdate& update) = 0;
  virtual core::Result<OrderRow> find_order(const core::ClientOrderId& id) = 0;  // kNotFound
  // Orders that can still fill (new, accepted, partially filled), oldest first; of one user,
  // or of everyone for std::nullopt.
  virtual core::Result<std::vector<OrderRow>> list_open_orders(
      std::optional<core::UserId> user) = 0;
  // Stores a fill once: the same (order, trade id) again writes nothing and returns the stored
  // row's id with is_new = false. The order must exist.
  virtual core::Result<Inserted<FillRowId>> insert_fill(const FillRow& fill) = 0;
  // Fills of one order, oldest first.
  virtual core::Result<std::vector<FillRow>> list_fills(OrderRowId order) = 0;
  // Orders whose client order id starts with `prefix` (a paper session's "p<id>-"), by row id.
  virtual core::Result<std::vector<OrderRow>> orders_with_client_prefix(
      std::string_view prefix) = 0;
  // A user's orders, newest first (by row id), as the query says.
  virtual core::Result<std::vector<OrderRow>> list_orders(const OrderQuery& query) = 0;
  // How many of a user's orders whose client id starts with `prefix` (all of the user's for an
  // empty prefix) have each status, by status name; statuses without orders are left out.
  virtual core::Result<std::vector<OrderStatusCount>> count_orders_by_status(
      core::UserId user, std::string_view prefix) = 0;
  // A user's fills, newest first (by fill id), of orders whose client id starts with `prefix`
  // (all of the user's for an empty prefix), at most `limit`.
  virtual core::Result<std::vector<FillWithOrder>> recent_fills(core::UserId user,
                                                                std::string_view prefix,
                                                                std::size_t limit) = 0;

  // --- paper sessions ---
  // Stores a new session (its id is assigned) and returns its id.
  virtual core::Result<PaperSessionId> create_paper_session(const PaperSessionRow& session) = 0;
  virtual core::Result<PaperSessionRow> find_paper_session(PaperSessionId id) = 0;  // kNotFound
  // The newest session of that user and name that is running or stopped; kNotFound.
  virtual core::Result<PaperSessionRow> find_resumable_paper_session(core::UserId user,
                                                                     std::string_view name) = 0;
  // The user's newest session (highest id) whatever its status; kNotFound.
  virtual core::Result<PaperSessionRow> latest_paper_session(core::UserId user) = 0;
  virtual core::Status set_paper_session_status(PaperSessionId id, std::string_view status,
                                                core::Timestamp updated_at) = 0;
  virtual core::Status checkpoint_paper_session(PaperSessionId id,
                                                const PaperCheckpoint& checkpoint) = 0;
  // Adds the signals the session scheduled and moves its signal cursor to `cursor`.
  virtual core::Status record_paper_signals(PaperSessionId id,
                                            const std::vector<PaperSignalRow>& signals,
                                            SignalRowId cursor) = 0;
  // The signals the session scheduled, by sequence.
  virtual core::Result<std::vector<PaperSignalRow>> paper_session_signals(PaperSessionId id) = 0;

  // --- journals (append-only) ---
  virtual core::Result<RiskEventRowId> append_risk_event(const RiskEventRow& event) = 0;
  // A user's most recent risk events, newest first, at most `limit`.
  virtual core::Result<std::vector<RiskEventRow>> recent_risk_events(core::UserId user,
                                                                     std::size_t limit) = 0;
  virtual core::Result<AccountSnapshotRowId> append_account_snapshot(
      const AccountSnapshotRow& snapshot) = 0;
  // The newest snapshot of a user's account at a venue; kNotFound when there is none.
  virtual core::Result<AccountSnapshotRow> latest_account_snapshot(core::UserId user,
                                                                   std::string_view venue) = 0;
  // The oldest of a user's snapshots at a venue with ts < before (the account's start);
  // kNotFound when there is none.
  virtual core::Result<AccountSnapshotRow> first_account_snapshot(core::UserId user,
                                                                  std::string_view venue,
                                                                  core::Timestamp before) = 0;
  // The newest of a user's snapshots at a venue with ts < before; kNotFound when there is none.
  virtual core::Result<AccountSnapshotRow> latest_account_snapshot_before(
      core::UserId user, std::string_view venue, core::Timestamp before) = 0;
  // A user's snapshots at a venue with from <= ts < to, oldest first. Past `limit` rows they are
  // thinned evenly (always keeping the last), so a long history still fits one chart.
  virtual core::Result<std::vector<AccountSnapshotRow>> account_snapshots(core::UserId user,
                                                                          std::string_view venue,
                                                                          core::Timestamp from,
                                                                          core::Timestamp to,
                                                                          std::size_t limit) = 0;
  // A user's risk events with kind starting "decision_" whose details name this channel and
  // message (details_json.channel, details_json.message_id), oldest first.
  virtual core::Result<std::vector<RiskEventRow>> decisions_for_message(
      core::UserId user, const core::ChannelId& channel, core::MessageId message) = 0;
  // For each of `posts` that has decisions, the last of its decisions_for_message() (latest ts,
  // then highest id), by channel then message id; one query however many posts are asked about.
  virtual core::Result<std::vector<PostDecision>> latest_decisions_for_messages(
      core::UserId user, const std::vector<PostKey>& posts) = 0;
  virtual core::Result<AiDecisionRowId> append_ai_decision(const AiDecisionRow& decision) = 0;
  // The most recent AI decisions, newest first, at most `limit`.
  virtual core::Result<std::vector<AiDecisionRow>> recent_ai_decisions(std::size_t limit) = 0;

  // --- backtests ---
  virtual core::Result<BacktestRowId> insert_backtest(const BacktestRow& backtest) = 0;
  // Stores status, finished_at, metrics_json and report_path; kNotFound.
  virtual core::Status finish_backtest(const BacktestRow& backtest) = 0;
  virtual core::Result<BacktestRow> find_backtest(BacktestRowId id) = 0;  // kNotFound
  // Newest first; of one user, or of all for std::nullopt.
  virtual core::Result<std::vector<BacktestRow>> list_backtests(std::optional<core::UserId> user,
                                                                std::size_t limit) = 0;

  // --- labels (training data) ---
  // Stores the labeler's label of a message, replacing the one it gave before. The message must
  // exist.
  virtual core::Result<LabelRowId> put_label(const LabelRow& label) = 0;
  // Removes the labeler's label of a message (undo); kNotFound when there is none.
  virtual core::Status delete_label(MessageRowId message, std::string_view labeler) = 0;
  // Every label of one message, by labeler.
  virtual core::Result<std::vector<LabelRow>> labels_for_message(MessageRowId message) = 0;
  // Messages the query's labeler has not labeled, by id, at most query.limit.
  virtual core::Result<std::vector<MessageRow>> unlabeled_messages(const UnlabeledQuery& query) = 0;
  // How many messages are stored (of one channel, or of all for std::nullopt).
  virtual core::Result<std::int64_t> count_messages(
      const std::optional<core::ChannelId>& channel) = 0;
  // How many of those messages the labeler has labeled.
  virtual core::Result<std::int64_t> count_labeled(
      std::string_view labeler, const std::optional<core::ChannelId>& channel) = 0;
  // Labels with their messages, by message id then labeler; of one labeler, or of all for
  // std::nullopt.
  virtual core::Result<std::vector<LabeledMessage>> labeled_messages(
      const std::optional<std::string>& labeler) = 0;
};

}  // namespace sigtrader::storage
