#include "app/message_import.hpp"

#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "engine/signal_recorder.hpp"
#include "signals/jsonl_messages.hpp"
#include "signals/telegram_export.hpp"

namespace sigtrader::app {
namespace {

constexpr std::size_t kBatchSize = 1000;

storage::MessageRow to_row(const signals::Message& message) {
  return storage::MessageRow{
      .id = {},
      .channel_id = message.channel_id,
      .message_id = message.id,
      .ts_event = message.ts,
      .ts_init = message.edited_at.value_or(message.ts),
      .text = message.text,
      .reply_to = message.reply_to,
      .raw_json = message.raw_json,
      .edited_at = message.edited_at,
      .forwarded_from = message.forwarded_from,
  };
}

}  // namespace

MessageImporter::MessageImporter(storage::Store& store, const core::Clock& clock,
                                 const signals::SignalClassifier* classifier)
    : store_(store), clock_(clock), classifier_(classifier) {
  batch_.reserve(kBatchSize);
}

core::Status MessageImporter::add(signals::Message&& message) {
  batch_.push_back(std::move(message));
  if (batch_.size() >= kBatchSize) return flush();
  return {};
}

core::Status MessageImporter::ensure_channel(const signals::Message& message) {
  const auto known = channel_titles_.find(message.channel_id.str());
  if (known != channel_titles_.end() &&
      (message.channel_title.empty() || known->second == message.channel_title)) {
    return {};
  }
  auto stored = store_.find_channel(message.channel_id);
  if (!stored.ok() && stored.error().code() != core::ErrorCode::kNotFound) return stored.error();
  if (stored.ok() && (message.channel_title.empty() || stored->title == message.channel_title)) {
    channel_titles_[message.channel_id.str()] = stored->title;
    return {};
  }
  const core::Timestamp now = clock_.now();
  SIGTRADER_RETURN_IF_ERROR(store_.upsert_channel(storage::ChannelRow{
      .id = message.channel_id,
      .source = message.source,
      .title = message.channel_title,
      .created_at = now,
      .updated_at = now,
  }));
  channel_titles_[message.channel_id.str()] = message.channel_title;
  return {};
}

core::Status MessageImporter::flush() {
  if (batch_.empty()) return {};
  ImportCounts batch_counts;
  std::map<std::string, core::Timestamp> batch_unread;
  const auto unread_from = [&](const signals::Message& message, core::Timestamp ts_init) {
    auto [entry, inserted] = batch_unread.emplace(message.channel_id.str(), ts_init);
    if (!inserted && ts_init < entry->second) entry->second = ts_init;
  };
  const std::map<std::string, std::string> titles_before = channel_titles_;
  const core::Status status = store_.in_transaction([&]() -> core::Status {
    for (const signals::Message& message : batch_) {
      SIGTRADER_RETURN_IF_ERROR(ensure_channel(message));
      const storage::MessageRow row = to_row(message);
      SIGTRADER_TRY(const storage::InsertedMessage inserted, store_.insert_message(row));
      if (inserted.is_new) {
        ++batch_counts.new_messages;
        unread_from(message, row.ts_init);
      } else if (inserted.is_new_version) {
        ++batch_counts.edited;
        unread_from(message, row.ts_init);
      } else {
        ++batch_counts.already_stored;
        if (classifier_ == nullptr) continue;
        // Stored by an earlier import that kept only the posts: read it now.
        auto signal = store_.latest_signal_of_message(inserted.id);
        if (signal.ok()) continue;
        if (signal.error().code() != core::ErrorCode::kNotFound) return signal.error();
        unread_from(message, message.ts);
      }
    }
    return {};
  });
  batch_.clear();
  if (!status.ok()) {
    channel_titles_ = titles_before;  // the channels written in the failed batch were rolled back
    return status;
  }
  counts_.new_messages += batch_counts.new_messages;
  counts_.already_stored += batch_counts.already_stored;
  counts_.edited += batch_counts.edited;
  for (const auto& [channel, from] : batch_unread) {
    auto [entry, inserted] = unread_from_.emplace(channel, from);
    if (!inserted && from < entry->second) entry->second = from;
  }
  return {};
}

core::Status MessageImporter::record_signals() {
  if (classifier_ == nullptr) return {};
  engine::SignalRecorder recorder(store_, *classifier_);
  engine::RecordedSignals recorded;
  for (const auto& [channel, from] : unread_from_) {
    SIGTRADER_TRY(const engine::RecordedSignals of_channel,
                  recorder.record_channel(core::ChannelId(channel), from));
    recorded += of_channel;
  }
  unread_from_.clear();
  counts_.longs += recorded.longs;
  counts_.shorts += recorded.shorts;
  counts_.linked_updates += recorded.linked_updates;
  counts_.unlinked_updates += recorded.unlinked_updates;
  counts_.nones += recorded.nones;
  const core::Timestamp now = clock_.now();
  for (const auto& [channel, title] : channel_titles_) {
    auto stats = store_.refresh_channel_stats(core::ChannelId(channel), now);
    if (!stats.ok()) return stats.error();
  }
  return {};
}

core::Result<std::set<std::string>> import_signal_file(storage::Store& store,
                                                       const signals::SignalClassifier& classifier,
                                                       const std::filesystem::path& file,
                                                       std::string_view command) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    return core::Error(core::ErrorCode::kNotFound, fmt::format("{}: no such file", file.string()));
  }
  core::LiveClock clock;
  MessageImporter importer(store, clock, &classifier);
  std::set<std::string> channels;
  const signals::MessageSink on_message = [&](signals::Message&& message) {
    channels.insert(message.channel_id.str());
    return importer.add(std::move(message));
  };
  const signals::SkipSink on_skip = [&](const signals::SkippedMessage& skip) {
    spdlog::warn("{}: {}: skipped {}: {}", command, file.string(), skip.where, skip.reason);
  };
  auto summary = file.extension() == ".json"
                     ? signals::read_telegram_export_file(file.string(), {}, on_message, on_skip)
                     : signals::read_jsonl_messages_file(file.string(), on_message, on_skip);
  // What was read before a failure is kept, as `import` does.
  SIGTRADER_RETURN_IF_ERROR(importer.flush());
  SIGTRADER_RETURN_IF_ERROR(importer.record_signals());
  if (!summary.ok()) return summary.error().with_context(file.string());
  const ImportCounts& counts = importer.counts();
  if (counts.new_messages > 0 || counts.edited > 0) {
    spdlog::info("{}: imported {}: {} new posts, {} edited; {} long, {} short, {} updates", command,
                 file.string(), counts.new_messages, counts.edited, counts.longs, counts.shorts,
                 counts.linked_updates + counts.unlinked_updates);
  }
  return channels;
}

}  // namespace sigtrader::app
