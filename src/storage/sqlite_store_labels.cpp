// SqliteStore: training labels of messages (`sigtrader label`).

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kMessageColumns =
    "m.id, m.channel_id, m.message_id, m.ts_event, m.ts_init, m.text, m.reply_to, m.raw_json, "
    "m.edited_at, m.forwarded_from";

// Reads the ten message columns starting at `first`.
MessageRow read_message_columns(RowReader& row, int first) {
  return MessageRow{
      .id = row.get<MessageRowId>(first),
      .channel_id = row.get<core::ChannelId>(first + 1),
      .message_id = row.get<core::MessageId>(first + 2),
      .ts_event = row.get<core::Timestamp>(first + 3),
      .ts_init = row.get<core::Timestamp>(first + 4),
      .text = row.get<std::string>(first + 5),
      .reply_to = row.get_optional<core::MessageId>(first + 6),
      .raw_json = row.get_optional<std::string>(first + 7),
      .edited_at = row.get_optional<core::Timestamp>(first + 8),
      .forwarded_from = row.get_optional<std::string>(first + 9),
  };
}

// Reads the six label columns starting at `first`.
LabelRow read_label_columns(RowReader& row, int first) {
  return LabelRow{
      .id = row.get<LabelRowId>(first),
      .message = row.get<MessageRowId>(first + 1),
      .labeler = row.get<std::string>(first + 2),
      .label = row.get<std::string>(first + 3),
      .entities_json = row.get<std::string>(first + 4),
      .created_at = row.get<core::Timestamp>(first + 5),
  };
}

// A LIKE pattern matching texts that contain `fragment` literally: %, _ and the escape character
// itself are escaped with '\'.
std::string contains_pattern(std::string_view fragment) {
  std::string pattern = "%";
  for (const char c : fragment) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

core::Result<LabelRow> read_label(const SqliteStatement& statement) {
  RowReader row(statement, "labels");
  LabelRow label = read_label_columns(row, 0);
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return label;
}

core::Result<MessageRow> read_message(const SqliteStatement& statement) {
  RowReader row(statement, "messages");
  MessageRow message = read_message_columns(row, 0);
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return message;
}

core::Result<LabeledMessage> read_labeled_message(const SqliteStatement& statement) {
  RowReader row(statement, "labels");
  LabeledMessage item{.label = read_label_columns(row, 0), .message = read_message_columns(row, 6)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return item;
}

}  // namespace

core::Result<LabelRowId> SqliteStore::put_label(const LabelRow& label) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO labels (message_id, labeler, label, entities_json, "
                            "created_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                            "ON CONFLICT (message_id, labeler) DO UPDATE SET "
                            "label = excluded.label, entities_json = excluded.entities_json, "
                            "created_at = excluded.created_at "
                            "RETURNING id"));
  statement->bind(1, label.message);
  statement->bind(2, label.labeler);
  statement->bind(3, label.label);
  statement->bind(4, label.entities_json);
  statement->bind(5, label.created_at);
  const auto context = [&] {
    return fmt::format("storing the label '{}' of message row {} by '{}'", label.label,
                       label.message.value(), label.labeler);
  };
  const core::Result<bool> stepped = statement->step();
  if (!stepped.ok()) return stepped.error().with_context(context());
  if (!*stepped) {
    return core::Error(core::ErrorCode::kStorage, context() + ": no row id came back");
  }
  const LabelRowId id(statement->column_int64(0));
  // Step to the end so that the write is complete before the lease resets the statement.
  if (auto finished = statement->step(); !finished.ok()) {
    return finished.error().with_context(context());
  }
  return id;
}

core::Status SqliteStore::delete_label(MessageRowId message, std::string_view labeler) {
  SIGTRADER_TRY(auto statement,
                db_->cached("DELETE FROM labels WHERE message_id = ?1 AND labeler = ?2"));
  statement->bind(1, message);
  statement->bind(2, labeler);
  SIGTRADER_RETURN_IF_ERROR(statement->run());
  if (db_->changes() == 0) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("message row {} has no label by '{}'", message.value(), labeler));
  }
  return {};
}

core::Result<std::vector<LabelRow>> SqliteStore::labels_for_message(MessageRowId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, message_id, labeler, label, entities_json, created_at "
                            "FROM labels WHERE message_id = ?1 ORDER BY labeler"));
  statement->bind(1, message);
  return read_all<LabelRow>(*statement, read_label);
}

core::Result<std::vector<MessageRow>> SqliteStore::unlabeled_messages(const UnlabeledQuery& query) {
  // ?2 and ?3 are NULL when the query does not filter by channel or text.
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM messages m WHERE m.id > ?1 "
                                        "AND (?2 IS NULL OR m.channel_id = ?2) "
                                        "AND (?3 IS NULL OR m.text LIKE ?3 ESCAPE '\\') "
                                        "AND NOT EXISTS (SELECT 1 FROM labels l "
                                        "WHERE l.message_id = m.id AND l.labeler = ?4) "
                                        "ORDER BY m.id LIMIT ?5",
                                        kMessageColumns)));
  statement->bind(1, query.after);
  statement->bind(2, query.channel);
  if (query.containing.empty()) {
    statement->bind_null(3);
  } else {
    statement->bind(3, contains_pattern(query.containing));
  }
  statement->bind(4, query.labeler);
  statement->bind_count(5, query.limit);
  return read_all<MessageRow>(*statement, read_message);
}

core::Result<std::int64_t> SqliteStore::count_messages(
    const std::optional<core::ChannelId>& channel) {
  SIGTRADER_TRY(auto statement, db_->cached("SELECT count(*) FROM messages "
                                            "WHERE ?1 IS NULL OR channel_id = ?1"));
  statement->bind(1, channel);
  SIGTRADER_TRY(const bool has_row, statement->step());
  return has_row ? statement->column_int64(0) : 0;
}

core::Result<std::int64_t> SqliteStore::count_labeled(
    std::string_view labeler, const std::optional<core::ChannelId>& channel) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT count(*) FROM labels l JOIN messages m ON m.id = l.message_id "
                            "WHERE l.labeler = ?1 AND (?2 IS NULL OR m.channel_id = ?2)"));
  statement->bind(1, labeler);
  statement->bind(2, channel);
  SIGTRADER_TRY(const bool has_row, statement->step());
  return has_row ? statement->column_int64(0) : 0;
}

core::Result<std::vector<LabeledMessage>> SqliteStore::labeled_messages(
    const std::optional<std::string>& labeler) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format(
                    "SELECT l.id, l.message_id, l.labeler, l.label, l.entities_json, "
                    "l.created_at, {} FROM labels l JOIN messages m ON m.id = l.message_id "
                    "WHERE ?1 IS NULL OR l.labeler = ?1 ORDER BY m.id, l.labeler",
                    kMessageColumns)));
  statement->bind(1, labeler);
  return read_all<LabeledMessage>(*statement, read_labeled_message);
}

}  // namespace sigtrader::storage
