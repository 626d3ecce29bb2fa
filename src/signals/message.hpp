#pragma once

#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace sigtrader::signals {

// A post as a source delivered it, before anything is understood from its text.
struct Message {
  std::string source;          // telegram | file | webhook
  core::ChannelId channel_id;  // "telegram:-1001234567890", "file:calls"
  std::string channel_title;   // the channel's name as the source shows it
  core::MessageId id;          // the post's id within its channel
  core::Timestamp ts;          // posted
  std::string text;            // the text as last edited, entities flattened to plain text
  std::optional<core::MessageId> reply_to;
  std::optional<core::Timestamp> edited_at;   // when `text` was last edited
  std::optional<std::string> forwarded_from;  // the original author of a forwarded post
  // The source's payload (a JSONL line's object).
  std::optional<std::string> raw_json = std::nullopt;
};

// A message a reader could not use, and why; the reader goes on with the next one.
struct SkippedMessage {
  std::string where;   // "byte 1234 (message 17 of chat 'Calls')", "line 12"
  std::string reason;  // "'id' is missing"
};

}  // namespace sigtrader::signals
