// SqliteStore: messages and the versions of edited posts (signals: sqlite_store_signals.cpp).

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

core::Result<MessageRow> read_message(const SqliteStatement& statement) {
  RowReader row(statement, "messages");
  MessageRow message{
      .id = row.get<MessageRowId>(0),
      .channel_id = row.get<core::ChannelId>(1),
      .message_id = row.get<core::MessageId>(2),
      .ts_event = row.get<core::Timestamp>(3),
      .ts_init = row.get<core::Timestamp>(4),
      .text = row.get<std::string>(5),
      .reply_to = row.get_optional<core::MessageId>(6),
      .raw_json = row.get_optional<std::string>(7),
      .edited_at = row.get_optional<core::Timestamp>(8),
      .forwarded_from = row.get_optional<std::string>(9),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return message;
}

core::Result<MessageVersionRow> read_version(const SqliteStatement& statement) {
  RowReader row(statement, "message_versions");
  MessageVersionRow version{
      .id = row.get<MessageVersionRowId>(0),
      .message = row.get<MessageRowId>(1),
      .version = row.get<int>(2),
      .text = row.get<std::string>(3),
      .edited_at = row.get_optional<core::Timestamp>(4),
      .ts_init = row.get<core::Timestamp>(5),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return version;
}

core::Result<PostVersionRow> read_post_version(const SqliteStatement& statement) {
  RowReader row(statement, "messages");
  PostVersionRow version{
      .message = row.get<MessageRowId>(0),
      .channel_id = row.get<core::ChannelId>(1),
      .message_id = row.get<core::MessageId>(2),
      .reply_to = row.get_optional<core::MessageId>(3),
      .ts_event = row.get<core::Timestamp>(4),
      .ts_init = row.get<core::Timestamp>(5),
      .version = row.get<int>(6),
      .text = row.get<std::string>(7),
      .edited_at = row.get_optional<core::Timestamp>(8),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return version;
}

}  // namespace

core::Result<InsertedMessage> SqliteStore::insert_message(const MessageRow& message) {
  const auto context = [&] {
    return fmt::format("storing message {} of channel '{}'", message.message_id.value(),
                       message.channel_id.str());
  };
  {
    SIGTRADER_TRY(auto statement,
                  db_->cached("INSERT INTO messages (channel_id, message_id, ts_event, ts_init, "
                              "text, reply_to, raw_json, edited_at, forwarded_from) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                              "ON CONFLICT (channel_id, message_id) DO NOTHING"));
    statement->bind(1, message.channel_id);
    statement->bind(2, message.message_id);
    statement->bind(3, message.ts_event);
    statement->bind(4, message.ts_init);
    statement->bind(5, message.text);
    statement->bind(6, message.reply_to);
    statement->bind(7, message.raw_json);
    statement->bind(8, message.edited_at);
    statement->bind(9, message.forwarded_from);
    if (auto status = statement->run(); !status.ok()) return status.error().with_context(context());
    if (db_->changes() == 1) {
      return InsertedMessage{.id = MessageRowId(db_->last_insert_rowid()), .is_new = true};
    }
  }
  SIGTRADER_TRY(StoredText stored, find_stored_text(message));
  if (!stored.found) {
    // Only another process deleting the row between the two statements gets here.
    return core::Error(core::ErrorCode::kStorage, context() + ": the stored duplicate vanished");
  }
  const bool newer_edit =
      message.edited_at && (!stored.edited_at || *message.edited_at > *stored.edited_at);
  if (message.text == stored.text || !newer_edit) {
    return InsertedMessage{.id = stored.id, .is_new = false};
  }
  const core::Status recorded = in_transaction([&]() { return record_edit(stored, message); });
  if (!recorded.ok()) return recorded.error().with_context(context());
  return InsertedMessage{.id = stored.id, .is_new = false, .is_new_version = true};
}

core::Result<SqliteStore::StoredText> SqliteStore::find_stored_text(const MessageRow& message) {
  SIGTRADER_TRY(auto statement, db_->cached("SELECT id, text, edited_at, ts_init FROM messages "
                                            "WHERE channel_id = ?1 AND message_id = ?2"));
  statement->bind(1, message.channel_id);
  statement->bind(2, message.message_id);
  SIGTRADER_TRY(const bool found, statement->step());
  StoredText stored;
  if (!found) return stored;
  stored.found = true;
  stored.id = MessageRowId(statement->column_int64(0));
  stored.text = statement->column_text(1);
  if (!statement->column_is_null(2)) {
    stored.edited_at = core::Timestamp::from_ns(statement->column_int64(2));
  }
  stored.ts_init = core::Timestamp::from_ns(statement->column_int64(3));
  return stored;
}

core::Status SqliteStore::record_edit(const StoredText& stored, const MessageRow& edit) {
  int last_version = 0;
  {
    SIGTRADER_TRY(auto statement, db_->cached("SELECT coalesce(max(version), 0) FROM "
                                              "message_versions WHERE message_id = ?1"));
    statement->bind(1, stored.id);
    SIGTRADER_TRY(const bool has_row, statement->step());
    if (has_row) last_version = static_cast<int>(statement->column_int64(0));
  }
  const auto add_version = [&](int version, const std::string& text,
                               std::optional<core::Timestamp> edited_at,
                               core::Timestamp ts_init) -> core::Status {
    SIGTRADER_TRY(auto statement,
                  db_->cached("INSERT INTO message_versions (message_id, version, text, "
                              "edited_at, ts_init) VALUES (?1, ?2, ?3, ?4, ?5)"));
    statement->bind(1, stored.id);
    statement->bind(2, version);
    statement->bind(3, text);
    statement->bind(4, edited_at);
    statement->bind(5, ts_init);
    return statement->run();
  };
  if (last_version == 0) {
    // The first edit: keep the text it replaces as version 1.
    SIGTRADER_RETURN_IF_ERROR(add_version(1, stored.text, stored.edited_at, stored.ts_init));
    last_version = 1;
  }
  SIGTRADER_RETURN_IF_ERROR(add_version(last_version + 1, edit.text, edit.edited_at, edit.ts_init));
  SIGTRADER_TRY(auto statement,
                db_->cached("UPDATE messages SET text = ?1, edited_at = ?2 WHERE id = ?3"));
  statement->bind(1, edit.text);
  statement->bind(2, edit.edited_at);
  statement->bind(3, stored.id);
  return statement->run();
}

core::Result<std::vector<MessageVersionRow>> SqliteStore::message_versions(MessageRowId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, message_id, version, text, edited_at, ts_init "
                            "FROM message_versions WHERE message_id = ?1 ORDER BY version"));
  statement->bind(1, message);
  return read_all<MessageVersionRow>(*statement, read_version);
}

core::Result<std::vector<MessageRow>> SqliteStore::list_messages(const core::ChannelId& channel,
                                                                 core::Timestamp from,
                                                                 core::Timestamp to,
                                                                 std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, channel_id, message_id, ts_event, ts_init, text, reply_to, "
                            "raw_json, edited_at, forwarded_from FROM messages "
                            "WHERE channel_id = ?1 AND ts_event >= ?2 AND ts_event < ?3 "
                            "ORDER BY ts_event, message_id LIMIT ?4"));
  statement->bind(1, channel);
  statement->bind(2, from);
  statement->bind(3, to);
  statement->bind_count(4, limit);
  return read_all<MessageRow>(*statement, read_message);
}

core::Result<MessageRow> SqliteStore::find_message(const core::ChannelId& channel,
                                                   core::MessageId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, channel_id, message_id, ts_event, ts_init, text, reply_to, "
                            "raw_json, edited_at, forwarded_from FROM messages "
                            "WHERE channel_id = ?1 AND message_id = ?2"));
  statement->bind(1, channel);
  statement->bind(2, message);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("no message {} of channel '{}' is stored", message.value(), channel.str()));
  }
  return read_message(*statement);
}

core::Result<std::vector<PostVersionRow>> SqliteStore::post_versions_between(
    const std::optional<core::ChannelId>& channel, core::Timestamp from, core::Timestamp to,
    std::size_t limit, const std::optional<PostVersionCursor>& after) {
  // A post never edited has one version, the row itself; an edited one has its versions in
  // message_versions (version 1 included).
  SIGTRADER_TRY(
      auto statement,
      db_->cached("SELECT message, channel_id, message_id, reply_to, ts_event, ts_init, version, "
                  "text, edited_at FROM ("
                  "SELECT m.id AS message, m.channel_id, m.message_id, m.reply_to, m.ts_event, "
                  "m.ts_init, 1 AS version, m.text, m.edited_at FROM messages m "
                  "WHERE NOT EXISTS (SELECT 1 FROM message_versions v WHERE v.message_id = m.id) "
                  "AND (?1 IS NULL OR m.channel_id = ?1) AND m.ts_init >= ?2 AND m.ts_init < ?3 "
                  "UNION ALL "
                  "SELECT m.id, m.channel_id, m.message_id, m.reply_to, m.ts_event, v.ts_init, "
                  "v.version, v.text, v.edited_at FROM message_versions v "
                  "JOIN messages m ON m.id = v.message_id "
                  "WHERE (?1 IS NULL OR m.channel_id = ?1) AND v.ts_init >= ?2 AND v.ts_init < ?3) "
                  "WHERE ?4 IS NULL OR (ts_init, message, version) > (?4, ?5, ?6) "
                  "ORDER BY ts_init, message, version LIMIT ?7"));
  statement->bind(1, channel);
  statement->bind(2, from);
  statement->bind(3, to);
  if (after) {
    statement->bind(4, after->ts_init);
    statement->bind(5, after->message);
    statement->bind(6, after->version);
  } else {
    statement->bind_null(4);
    statement->bind_null(5);
    statement->bind_null(6);
  }
  statement->bind_count(7, limit);
  return read_all<PostVersionRow>(*statement, read_post_version);
}

}  // namespace sigtrader::storage
