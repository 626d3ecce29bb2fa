#pragma once

#include <istream>
#include <string>

#include "core/result.hpp"
#include "signals/telegram_export.hpp"

namespace sigtrader::signals {

// Reads messages written one JSON object per line:
//   {"channel": "calls", "id": 17, "ts": "2024-03-01T12:00:00Z", "text": "BTC long 68000"}
// "id" is a number or a string of digits; "ts" (and the optional "edited_at") an ISO-8601 time or
// epoch seconds or milliseconds (a number or a string of digits); "reply_to" and "forwarded_from"
// are optional. The channel id is "file:" + "channel". Blank lines are ignored; a bad line is
// reported with its line number and skipped. summary.chats counts the distinct channels.
core::Result<ReadSummary> read_jsonl_messages(std::istream& in, const MessageSink& on_message,
                                              const SkipSink& on_skip);
// The same for a file; kIo when it cannot be opened; errors start with the path.
core::Result<ReadSummary> read_jsonl_messages_file(const std::string& path,
                                                   const MessageSink& on_message,
                                                   const SkipSink& on_skip);

}  // namespace sigtrader::signals
