// SqliteStore: signals read from posts, and the channel statistics counted from them.

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "storage/price_list.hpp"
#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kSignalColumns =
    "id, message_id, channel_id, ts_event, ts_init, label, confidence, classifier, symbol, side, "
    "entries, targets, stop_loss, leverage, trace_id, version, update_kind, refers_to, link_rule, "
    "warnings, entry_market, margin_mode";

constexpr std::string_view kStatsColumns =
    "channel_id, messages, longs, shorts, updates, nones, linked_updates, share_none, first_ts, "
    "last_ts, updated_at, wins, losses, win_rate, avg_r, avg_win_r, expectancy, outcomes_at";

std::string encode_strings(const std::vector<std::string>& values) {
  boost::json::array array;
  for (const std::string& value : values)
    array.emplace_back(value);
  return boost::json::serialize(array);
}

// The warnings column holds a JSON array of strings; anything else is reported, not guessed at.
std::optional<std::vector<std::string>> decode_strings(std::string_view text) {
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const boost::json::value& item : value.get_array()) {
    if (!item.is_string()) return std::nullopt;
    out.emplace_back(item.get_string());
  }
  return out;
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
      .version = row.get<int>(15),
      .update_kind = row.get_optional<std::string>(16),
      .refers_to = row.get_optional<SignalRowId>(17),
      .link_rule = row.get_optional<std::string>(18),
      .warnings = {},
      .entry_market = row.get<bool>(20),
      .margin_mode = row.get_optional<std::string>(21),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  const std::string warnings = statement.column_text(19);
  auto decoded = decode_strings(warnings);
  if (!decoded) {
    return core::Error(core::ErrorCode::kStorage,
                       fmt::format("signals.warnings of signal {} holds '{}', not a JSON array of "
                                   "strings",
                                   signal.id.value(), warnings));
  }
  signal.warnings = std::move(*decoded);
  return signal;
}

core::Result<ChannelStatsRow> read_stats(const SqliteStatement& statement) {
  RowReader row(statement, "channel_stats");
  ChannelStatsRow stats{
      .channel_id = row.get<core::ChannelId>(0),
      .messages = row.get<std::int64_t>(1),
      .longs = row.get<std::int64_t>(2),
      .shorts = row.get<std::int64_t>(3),
      .updates = row.get<std::int64_t>(4),
      .nones = row.get<std::int64_t>(5),
      .linked_updates = row.get<std::int64_t>(6),
      .share_none = row.get_optional<double>(7),
      .first_ts = row.get_optional<core::Timestamp>(8),
      .last_ts = row.get_optional<core::Timestamp>(9),
      .updated_at = row.get<core::Timestamp>(10),
      .wins = row.get_optional<std::int64_t>(11),
      .losses = row.get_optional<std::int64_t>(12),
      .win_rate = row.get_optional<double>(13),
      .avg_r = row.get_optional<double>(14),
      .avg_win_r = row.get_optional<double>(15),
      .expectancy = row.get_optional<double>(16),
      .outcomes_at = row.get_optional<core::Timestamp>(17),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return stats;
}

// The single row of a statement that selects kSignalColumns, or kNotFound saying `what`.
core::Result<SignalRow> read_one_signal(SqliteStatement& statement, const std::string& what) {
  SIGTRADER_TRY(const bool found, statement.step());
  if (!found) return core::Error(core::ErrorCode::kNotFound, what);
  return read_signal(statement);
}

// kSignalColumns, then the post's message id and text (NULL for a signal without a post).
core::Result<SignalListing> read_signal_listing(const SqliteStatement& statement) {
  SIGTRADER_TRY(SignalRow signal, read_signal(statement));
  RowReader row(statement, "messages");
  SignalListing listing{.signal = std::move(signal),
                        .message_id = row.get_optional<core::MessageId>(22),
                        .text = row.get_optional<std::string>(23).value_or("")};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return listing;
}

}  // namespace

core::Result<SignalRowId> SqliteStore::insert_signal(const SignalRow& signal) {
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO signals (message_id, channel_id, ts_event, ts_init, "
                            "label, confidence, classifier, symbol, side, entries, targets, "
                            "stop_loss, leverage, trace_id, version, update_kind, refers_to, "
                            "link_rule, warnings, entry_market, margin_mode) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19, ?20, ?21)"));
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
  statement->bind(15, signal.version);
  statement->bind(16, signal.update_kind);
  statement->bind(17, signal.refers_to);
  statement->bind(18, signal.link_rule);
  statement->bind(19, encode_strings(signal.warnings));
  statement->bind(20, signal.entry_market);
  statement->bind(21, signal.margin_mode);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("storing a signal of channel '{}'", signal.channel_id.str()));
  }
  return SignalRowId(db_->last_insert_rowid());
}

core::Result<std::vector<SignalRow>> SqliteStore::signals_for_message(MessageRowId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM signals WHERE message_id = ?1 ORDER BY id",
                                        kSignalColumns)));
  statement->bind(1, message);
  return read_all<SignalRow>(*statement, read_signal);
}

core::Result<SignalRow> SqliteStore::find_signal(SignalRowId id) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM signals WHERE id = ?1", kSignalColumns)));
  statement->bind(1, id);
  return read_one_signal(*statement, fmt::format("no signal {} is stored", id.value()));
}

core::Result<SignalRow> SqliteStore::latest_signal_of_message(MessageRowId message) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM signals WHERE message_id = ?1 "
                                        "ORDER BY version DESC, id DESC LIMIT 1",
                                        kSignalColumns)));
  statement->bind(1, message);
  return read_one_signal(*statement,
                         fmt::format("no signal of message row {} is stored", message.value()));
}

core::Result<SignalRow> SqliteStore::signal_of_version(MessageRowId message, int version) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM signals WHERE message_id = ?1 AND "
                                        "version = ?2 ORDER BY id DESC LIMIT 1",
                                        kSignalColumns)));
  statement->bind(1, message);
  statement->bind(2, version);
  return read_one_signal(*statement, fmt::format("no signal of version {} of message row {} is "
                                                 "stored",
                                                 version, message.value()));
}

core::Result<std::vector<SignalRow>> SqliteStore::signals_for_channel(
    const core::ChannelId& channel, core::Timestamp from, core::Timestamp to, std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM signals WHERE channel_id = ?1 AND "
                                        "ts_init >= ?2 AND ts_init < ?3 ORDER BY ts_init, id "
                                        "LIMIT ?4",
                                        kSignalColumns)));
  statement->bind(1, channel);
  statement->bind(2, from);
  statement->bind(3, to);
  statement->bind_count(4, limit);
  return read_all<SignalRow>(*statement, read_signal);
}

core::Status SqliteStore::put_channel_stats(const ChannelStatsRow& stats) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("INSERT OR REPLACE INTO channel_stats ({}) VALUES (?1, ?2, "
                              "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
                              "?17, ?18)",
                              kStatsColumns)));
  statement->bind(1, stats.channel_id);
  statement->bind(2, stats.messages);
  statement->bind(3, stats.longs);
  statement->bind(4, stats.shorts);
  statement->bind(5, stats.updates);
  statement->bind(6, stats.nones);
  statement->bind(7, stats.linked_updates);
  statement->bind(8, stats.share_none);
  statement->bind(9, stats.first_ts);
  statement->bind(10, stats.last_ts);
  statement->bind(11, stats.updated_at);
  statement->bind(12, stats.wins);
  statement->bind(13, stats.losses);
  statement->bind(14, stats.win_rate);
  statement->bind(15, stats.avg_r);
  statement->bind(16, stats.avg_win_r);
  statement->bind(17, stats.expectancy);
  statement->bind(18, stats.outcomes_at);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("storing the statistics of channel '{}'", stats.channel_id.str()));
  }
  return {};
}

core::Result<ChannelStatsRow> SqliteStore::refresh_channel_stats(const core::ChannelId& channel,
                                                                 core::Timestamp updated_at) {
  // The latest reading of each message counts once: an edited signal is not two signals.
  SIGTRADER_TRY(
      auto statement,
      db_->cached("INSERT INTO channel_stats (channel_id, messages, longs, shorts, updates, nones, "
                  "linked_updates, share_none, first_ts, last_ts, updated_at) "
                  "SELECT ?1, count(*), "
                  "coalesce(sum(label = 'long'), 0), coalesce(sum(label = 'short'), 0), "
                  "coalesce(sum(label = 'update'), 0), coalesce(sum(label = 'none'), 0), "
                  "coalesce(sum(label = 'update' AND refers_to IS NOT NULL), 0), "
                  "CASE WHEN count(*) > 0 THEN CAST(sum(label = 'none') AS REAL) / count(*) END, "
                  "(SELECT min(ts_event) FROM messages WHERE channel_id = ?1), "
                  "(SELECT max(ts_event) FROM messages WHERE channel_id = ?1), ?2 "
                  "FROM signals s WHERE s.channel_id = ?1 AND s.message_id IS NOT NULL AND "
                  "s.id = (SELECT t.id FROM signals t WHERE t.message_id = s.message_id "
                  "ORDER BY t.version DESC, t.id DESC LIMIT 1) "
                  "ON CONFLICT (channel_id) DO UPDATE SET messages = excluded.messages, "
                  "longs = excluded.longs, shorts = excluded.shorts, updates = excluded.updates, "
                  "nones = excluded.nones, linked_updates = excluded.linked_updates, "
                  "share_none = excluded.share_none, first_ts = excluded.first_ts, "
                  "last_ts = excluded.last_ts, updated_at = excluded.updated_at"));
  statement->bind(1, channel);
  statement->bind(2, updated_at);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("counting the signals of channel '{}'", channel.str()));
  }
  return channel_stats(channel);
}

core::Result<ChannelStatsRow> SqliteStore::channel_stats(const core::ChannelId& channel) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM channel_stats WHERE channel_id = ?1",
                                        kStatsColumns)));
  statement->bind(1, channel);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no statistics of channel '{}' are stored", channel.str()));
  }
  return read_stats(*statement);
}

core::Result<std::vector<ChannelStatsRow>> SqliteStore::list_channel_stats() {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("SELECT {} FROM channel_stats ORDER BY channel_id", kStatsColumns)));
  return read_all<ChannelStatsRow>(*statement, read_stats);
}

namespace {

// kSignalColumns of `s`, then the message id of its post and of the post its update refers to.
constexpr std::string_view kSignalWithPostQuery =
    "SELECT s.id, s.message_id, s.channel_id, s.ts_event, s.ts_init, s.label, s.confidence, "
    "s.classifier, s.symbol, s.side, s.entries, s.targets, s.stop_loss, s.leverage, s.trace_id, "
    "s.version, s.update_kind, s.refers_to, s.link_rule, s.warnings, s.entry_market, "
    "s.margin_mode, m.message_id, rm.message_id FROM signals s "
    "LEFT JOIN messages m ON m.id = s.message_id "
    "LEFT JOIN signals r ON r.id = s.refers_to "
    "LEFT JOIN messages rm ON rm.id = r.message_id ";

core::Result<SignalWithPost> read_signal_with_post(const SqliteStatement& statement) {
  SIGTRADER_TRY(SignalRow signal, read_signal(statement));
  RowReader row(statement, "signals");
  SignalWithPost out{.signal = std::move(signal),
                     .message_id = row.get_optional<core::MessageId>(22),
                     .refers_to_message_id = row.get_optional<core::MessageId>(23)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return out;
}

}  // namespace

core::Result<std::vector<SignalWithPost>> SqliteStore::signals_after(SignalRowId after,
                                                                     std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached(std::string(kSignalWithPostQuery) + "WHERE s.id > ?1 ORDER BY s.id "
                                                                "LIMIT ?2"));
  statement->bind(1, after);
  statement->bind_count(2, limit);
  return read_all<SignalWithPost>(*statement, read_signal_with_post);
}

core::Result<SignalWithPost> SqliteStore::find_signal_with_post(SignalRowId id) {
  SIGTRADER_TRY(auto statement, db_->cached(std::string(kSignalWithPostQuery) + "WHERE s.id = ?1"));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no signal {} in database '{}'", id.value(), path()));
  }
  return read_signal_with_post(*statement);
}

core::Result<std::vector<SignalListing>> SqliteStore::list_signals(const SignalQuery& query) {
  // A filter left empty binds NULL and lets every row through.
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT s.id, s.message_id, s.channel_id, s.ts_event, s.ts_init, "
                            "s.label, s.confidence, s.classifier, s.symbol, s.side, s.entries, "
                            "s.targets, s.stop_loss, s.leverage, s.trace_id, s.version, "
                            "s.update_kind, s.refers_to, s.link_rule, s.warnings, s.entry_market, "
                            "s.margin_mode, m.message_id, m.text FROM signals s "
                            "LEFT JOIN messages m ON m.id = s.message_id "
                            "WHERE (?1 IS NULL OR s.channel_id = ?1) "
                            "AND (?2 IS NULL OR s.label = ?2) "
                            "AND (?3 IS NULL OR s.ts_init >= ?3) "
                            "AND (?4 IS NULL OR s.ts_init < ?4) "
                            "AND (?5 IS NULL OR s.id < ?5) "
                            "ORDER BY s.id DESC LIMIT ?6"));
  statement->bind(1, query.channel);
  statement->bind(2, query.label);
  statement->bind(3, query.from);
  statement->bind(4, query.to);
  statement->bind(5, query.before);
  statement->bind_count(6, query.limit);
  return read_all<SignalListing>(*statement, read_signal_listing);
}

}  // namespace sigtrader::storage
