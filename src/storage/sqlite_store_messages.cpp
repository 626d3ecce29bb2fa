// SqliteStore: messages and the signals parsed from them.

#include <fmt/format.h>

#include "storage/price_list.hpp"
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
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return message;
}

core::Result<SignalRow> read_signal(const SqliteStatement& statement) {
  RowReader row(statement, "signals");
  SignalRow signal{
      .id = row.get<SignalRowId>(0),
      .message = row.get_optional<MessageRowId>(1),
      .channel_id = row.get<core::ChannelId>(2),
      .ts_event = row.get<core::Timestamp>(3),
      .ts_init = row.get<core::Timestamp>(4),
      .label = row.get<std::string>(5),
      .confidence = row.get<double>(6),
      .classifier = row.get<std::string>(7),
      .symbol = row.get_optional<core::Symbol>(8),
      .side = row.get_optional<core::PositionSide>(9),
      .entries = row.get<std::vector<core::Price>>(10),
      .targets = row.get<std::vector<core::Price>>(11),
      .stop_loss = row.get_optional<core::Price>(12),
      .leverage = row.get<int>(13),
      .trace_id = row.get_optional<core::TraceId>(14),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return signal;
}

}  // namespace

core::Result<Inserted<MessageRowId>> SqliteStore::insert_message(const MessageRow& message) {
  const auto context = [&] {
    return fmt::format("storing message {} of channel '{}'", message.message_id.value(),
                       message.channel_id.str());
  };
  {
    SIGTRADER_TRY(auto statement,
                  db_->cached("INSERT INTO messages (channel_id, message_id, ts_event, ts_init, "
                              "text, reply_to, raw_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                              "ON CONFLICT (channel_id, message_id) DO NOTHING"));
    statement->bind(1, message.channel_id);
    statement->bind(2, message.message_id);
    statement->bind(3, message.ts_event);
    statement->bind(4, message.ts_init);
    statement->bind(5, message.text);
    statement->bind(6, message.reply_to);
    statement->bind(7, message.raw_json);
    if (auto status = statement->run(); !status.ok()) return status.error().with_context(context());
    if (db_->changes() == 1) {
      return Inserted<MessageRowId>{.id = MessageRowId(db_->last_insert_rowid()), .is_new = true};
    }
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id FROM messages WHERE channel_id = ?1 AND message_id = ?2"));
  statement->bind(1, message.channel_id);
  statement->bind(2, message.message_id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    // Only another process deleting the row between the two statements gets here.
    return core::Error(core::ErrorCode::kStorage, context() + ": the stored duplicate vanished");
  }
  return Inserted<MessageRowId>{.id = MessageRowId(statement->column_int64(0)), .is_new = false};
}

core::Result<std::vector<MessageRow>> SqliteStore::list_messages(const core::ChannelId& channel,
                                                                 core::Timestamp from,
                                                                 core::Timestamp to,
                                                                 std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, channel_id, message_id, ts_event, ts_init, text, reply_to, "
                            "raw_json FROM messages "
                            "WHERE channel_id = ?1 AND ts_event >= ?2 AND ts_event < ?3 "
                            "ORDER BY ts_event, message_id LIMIT ?4"));
  statement->bind(1, channel);
  statement->bind(2, from);
  statement->bind(3, to);
  statement->bind_count(4, limit);
  std::vector<MessageRow> messages;
  for (;;) {
    SIGTRADER_TRY(const bool has_row, statement->step());
    if (!has_row) return messages;
    SIGTRADER_TRY(MessageRow message, read_message(*statement));
    messages.push_back(std::move(message));
  }
}

core::Result<SignalRowId> SqliteStore::insert_signal(const SignalRow& signal) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached("INSERT INTO signals (message_id, channel_id, ts_event, ts_init, "
                  "label, confidence, classifier, symbol, side, entries, targets, "
                  "stop_loss, leverage, trace_id) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
  statement->bind(1, signal.message);
  statement->bind(2, signal.channel_id);
  statement->bind(3, signal.ts_event);
  statement->bind(4, signal.ts_init);
  statement->bind(5, signal.label);
  statement->bind(6, signal.confidence);
  statement->bind(7, signal.classifier);
  statement->bind(8, signal.symbol);
  statement->bind(9, signal.side);
  statement->bind(10, encode_price_list(signal.entries));
  statement->bind(11, encode_price_list(signal.targets));
  statement->bind(12, signal.stop_loss);
  statement->bind(13, signal.leverage);
  statement->bind(14, signal.trace_id);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("storing a signal of channel '{}'", signal.channel_id.str()));
  }
  return SignalRowId(db_->last_insert_rowid());
}

core::Result<std::vector<SignalRow>> SqliteStore::signals_for_message(MessageRowId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, message_id, channel_id, ts_event, ts_init, label, "
                            "confidence, classifier, symbol, side, entries, targets, stop_loss, "
                            "leverage, trace_id FROM signals WHERE message_id = ?1 ORDER BY id"));
  statement->bind(1, message);
  std::vector<SignalRow> signals;
  for (;;) {
    SIGTRADER_TRY(const bool has_row, statement->step());
    if (!has_row) return signals;
    SIGTRADER_TRY(SignalRow signal, read_signal(*statement));
    signals.push_back(std::move(signal));
  }
}

}  // namespace sigtrader::storage
