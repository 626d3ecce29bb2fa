#include "app/message_import.hpp"

#include <utility>

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
      .raw_json = std::nullopt,
      .edited_at = message.edited_at,
      .forwarded_from = message.forwarded_from,
  };
}

}  // namespace

MessageImporter::MessageImporter(storage::Store& store, const core::Clock& clock)
    : store_(store), clock_(clock) {
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
  const std::map<std::string, std::string> titles_before = channel_titles_;
  const core::Status status = store_.in_transaction([&]() -> core::Status {
    for (const signals::Message& message : batch_) {
      SIGTRADER_RETURN_IF_ERROR(ensure_channel(message));
      SIGTRADER_TRY(const storage::InsertedMessage inserted,
                    store_.insert_message(to_row(message)));
      if (inserted.is_new) {
        ++batch_counts.new_messages;
      } else if (inserted.is_new_version) {
        ++batch_counts.edited;
      } else {
        ++batch_counts.already_stored;
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
  return {};
}

}  // namespace sigtrader::app
