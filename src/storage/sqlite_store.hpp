#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite_connection.hpp"
#include "storage/store.hpp"

namespace sigtrader::storage {

// How SqliteStore::open() treats the file.
struct OpenOptions {
  bool create_if_missing = true;  // false: a missing file is kNotFound naming the path
  bool migrate = true;            // false: leave the schema as found (`db status` reports it)
  int busy_timeout_ms = 5000;     // how long a write waits for another connection's lock
  // Stamps schema_version.applied_at; nullptr means a LiveClock owned by the store.
  const core::Clock* clock = nullptr;
};

// The Store on a SQLite file (or ":memory:"): WAL, foreign keys, STRICT tables, versioned
// migrations. Statements are prepared once per connection and cached.
class SqliteStore final : public Store {
 public:
  // Opens `path`; refuses a database whose schema is newer than this binary knows (kStorage),
  // and with options.migrate applies the pending migrations. Errors name the path.
  static core::Result<std::unique_ptr<SqliteStore>> open(const std::string& path,
                                                         OpenOptions options = {});

  const std::string& path() const { return db_->path(); }
  // The underlying connection, for the storage module's own tools and tests.
  SqliteConnection& connection() { return *db_; }

  core::Result<int> migrate() override;
  core::Result<int> schema_version() override;
  core::Result<std::vector<TableInfo>> table_counts() override;
  core::Status in_transaction(const std::function<core::Status()>& work) override;

  core::Result<UserRow> create_user(std::string_view name, core::Timestamp created_at) override;
  core::Result<UserRow> find_user(std::string_view name) override;
  core::Result<UserRow> find_user(core::UserId id) override;
  core::Status set_user_role(core::UserId id, std::string_view role) override;
  core::Result<std::vector<UserRow>> list_users() override;

  core::Result<ApiKeyRowId> insert_api_key(const ApiKeyRow& key) override;
  core::Result<ApiKeyRow> find_api_key(std::string_view prefix) override;
  core::Result<std::vector<ApiKeyRow>> list_api_keys(core::UserId user) override;
  core::Status touch_api_key(ApiKeyRowId id, core::Timestamp used_at) override;
  core::Status revoke_api_key(std::string_view prefix, core::Timestamp revoked_at) override;

  core::Result<OperatorCommandId> insert_operator_command(
      const OperatorCommandRow& command) override;
  core::Result<OperatorCommandRow> find_operator_command(OperatorCommandId id) override;
  core::Result<std::vector<OperatorCommandRow>> pending_operator_commands(
      core::UserId user, std::size_t limit) override;
  core::Status finish_operator_command(const OperatorCommandRow& command) override;
  core::Result<std::vector<OperatorCommandRow>> session_operator_commands(
      PaperSessionId session) override;

  core::Status upsert_channel(const ChannelRow& channel) override;
  core::Result<ChannelRow> find_channel(const core::ChannelId& id) override;
  core::Result<std::vector<ChannelRow>> list_channels() override;
  core::Result<InsertedMessage> insert_message(const MessageRow& message) override;
  core::Result<std::vector<MessageVersionRow>> message_versions(MessageRowId message) override;
  core::Result<std::vector<MessageRow>> list_messages(const core::ChannelId& channel,
                                                      core::Timestamp from, core::Timestamp to,
                                                      std::size_t limit) override;
  core::Result<SignalRowId> insert_signal(const SignalRow& signal) override;
  core::Result<std::vector<SignalRow>> signals_for_message(MessageRowId message) override;

  core::Result<MessageRow> find_message(const core::ChannelId& channel,
                                        core::MessageId message) override;
  core::Result<std::vector<SignalWithPost>> signals_after(SignalRowId after,
                                                          std::size_t limit) override;
  core::Result<SignalWithPost> find_signal_with_post(SignalRowId id) override;
  core::Result<SignalRow> find_signal(SignalRowId id) override;
  core::Result<std::vector<SignalListing>> list_signals(const SignalQuery& query) override;
  core::Result<SignalRow> latest_signal_of_message(MessageRowId message) override;
  core::Result<SignalRow> signal_of_version(MessageRowId message, int version) override;
  core::Result<std::vector<SignalRow>> signals_for_channel(const core::ChannelId& channel,
                                                           core::Timestamp from, core::Timestamp to,
                                                           std::size_t limit) override;
  core::Result<std::vector<PostVersionRow>> post_versions_between(
      const std::optional<core::ChannelId>& channel, core::Timestamp from, core::Timestamp to,
      std::size_t limit, const std::optional<PostVersionCursor>& after) override;
  core::Status put_channel_stats(const ChannelStatsRow& stats) override;
  core::Result<ChannelStatsRow> refresh_channel_stats(const core::ChannelId& channel,
                                                      core::Timestamp updated_at) override;
  core::Result<ChannelStatsRow> channel_stats(const core::ChannelId& channel) override;
  core::Result<std::vector<ChannelStatsRow>> list_channel_stats() override;

  core::Result<OrderRowId> insert_order(const OrderRow& order) override;
  core::Status update_order(const core::ClientOrderId& id, const OrderUpdate& update) override;
  core::Result<OrderRow> find_order(const core::ClientOrderId& id) override;
  core::Result<std::vector<OrderRow>> list_open_orders(std::optional<core::UserId> user) override;
  core::Result<Inserted<FillRowId>> insert_fill(const FillRow& fill) override;
  core::Result<std::vector<FillRow>> list_fills(OrderRowId order) override;
  core::Result<std::vector<OrderRow>> orders_with_client_prefix(std::string_view prefix) override;
  core::Result<std::vector<OrderRow>> list_orders(const OrderQuery& query) override;
  core::Result<std::vector<OrderStatusCount>> count_orders_by_status(
      core::UserId user, std::string_view prefix) override;
  core::Result<std::vector<FillWithOrder>> recent_fills(core::UserId user, std::string_view prefix,
                                                        std::size_t limit) override;

  core::Result<PaperSessionId> create_paper_session(const PaperSessionRow& session) override;
  core::Result<PaperSessionRow> find_paper_session(PaperSessionId id) override;
  core::Result<PaperSessionRow> find_resumable_paper_session(core::UserId user,
                                                             std::string_view name) override;
  core::Result<PaperSessionRow> latest_paper_session(core::UserId user) override;
  core::Status set_paper_session_status(PaperSessionId id, std::string_view status,
                                        core::Timestamp updated_at) override;
  core::Status checkpoint_paper_session(PaperSessionId id,
                                        const PaperCheckpoint& checkpoint) override;
  core::Status record_paper_signals(PaperSessionId id, const std::vector<PaperSignalRow>& signals,
                                    SignalRowId cursor) override;
  core::Result<std::vector<PaperSignalRow>> paper_session_signals(PaperSessionId id) override;

  core::Result<RiskEventRowId> append_risk_event(const RiskEventRow& event) override;
  core::Result<std::vector<RiskEventRow>> recent_risk_events(core::UserId user,
                                                             std::size_t limit) override;
  core::Result<AccountSnapshotRowId> append_account_snapshot(
      const AccountSnapshotRow& snapshot) override;
  core::Result<AccountSnapshotRow> latest_account_snapshot(core::UserId user,
                                                           std::string_view venue) override;
  core::Result<AccountSnapshotRow> first_account_snapshot(core::UserId user, std::string_view venue,
                                                          core::Timestamp before) override;
  core::Result<AccountSnapshotRow> latest_account_snapshot_before(core::UserId user,
                                                                  std::string_view venue,
                                                                  core::Timestamp before) override;
  core::Result<std::vector<AccountSnapshotRow>> account_snapshots(core::UserId user,
                                                                  std::string_view venue,
                                                                  core::Timestamp from,
                                                                  core::Timestamp to,
                                                                  std::size_t limit) override;
  core::Result<std::vector<RiskEventRow>> decisions_for_message(core::UserId user,
                                                                const core::ChannelId& channel,
                                                                core::MessageId message) override;
  core::Result<std::vector<PostDecision>> latest_decisions_for_messages(
      core::UserId user, const std::vector<PostKey>& posts) override;
  core::Result<AiDecisionRowId> append_ai_decision(const AiDecisionRow& decision) override;
  core::Result<std::vector<AiDecisionRow>> recent_ai_decisions(std::size_t limit) override;

  core::Result<BacktestRowId> insert_backtest(const BacktestRow& backtest) override;
  core::Status finish_backtest(const BacktestRow& backtest) override;
  core::Result<BacktestRow> find_backtest(BacktestRowId id) override;
  core::Result<std::vector<BacktestRow>> list_backtests(std::optional<core::UserId> user,
                                                        std::size_t limit) override;

  core::Result<LabelRowId> put_label(const LabelRow& label) override;
  core::Status delete_label(MessageRowId message, std::string_view labeler) override;
  core::Result<std::vector<LabelRow>> labels_for_message(MessageRowId message) override;
  core::Result<std::vector<MessageRow>> unlabeled_messages(const UnlabeledQuery& query) override;
  core::Result<std::int64_t> count_messages(const std::optional<core::ChannelId>& channel) override;
  core::Result<std::int64_t> count_labeled(std::string_view labeler,
                                           const std::optional<core::ChannelId>& channel) override;
  core::Result<std::vector<LabeledMessage>> labeled_messages(
      const std::optional<std::string>& labeler) override;

 private:
  // The oldest or newest (by `order`, an ORDER BY clause) snapshot at `venue` before `before`.
  core::Result<AccountSnapshotRow> snapshot_before(core::UserId user, std::string_view venue,
                                                   core::Timestamp before, std::string_view order);
  // The stored state of a post that insert_message() was offered again.
  struct StoredText {
    bool found = false;
    MessageRowId id;
    std::string text;
    std::optional<core::Timestamp> edited_at;
    core::Timestamp ts_init;
  };

  SqliteStore(std::unique_ptr<SqliteConnection> db, const core::Clock* clock);
  core::Result<StoredText> find_stored_text(const MessageRow& message);
  // Adds `edit` as the newest version of the stored post (and the stored text as version 1 on
  // the first edit) and makes it the row's text.
  core::Status record_edit(const StoredText& stored, const MessageRow& edit);

  std::unique_ptr<SqliteConnection> db_;
  std::unique_ptr<core::Clock> owned_clock_;
  const core::Clock* clock_;
};

}  // namespace sigtrader::storage
