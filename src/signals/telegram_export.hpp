#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "signals/message.hpp"

namespace sigtrader::signals {

// Receives each message as soon as it is read; an error stops the reading and is returned.
using MessageSink = std::function<core::Status(Message&&)>;
// Told about each message that was skipped, with where it is and why.
using SkipSink = std::function<void(const SkippedMessage&)>;

struct TelegramExportOptions {
  // Read only the chat with this name (or id, or "telegram:<id>"); empty: every chat.
  std::optional<std::string> chat;
};

// What a reader went through.
struct ReadSummary {
  std::int64_t chats = 0;           // chats whose messages were read
  std::int64_t chats_left_out = 0;  // chats the chat filter did not select
  std::int64_t messages = 0;        // messages delivered to the sink
  std::int64_t service = 0;         // service messages (joins, pins, calls), not posts
  std::int64_t skipped = 0;         // malformed messages, each reported to the SkipSink
};

// Reads Telegram Desktop's "Export chat history" JSON (result.json) as it arrives, holding one
// message at a time: a single-chat export ({"name", "type", "id", "messages": [...]}) or a
// full-account export ({"chats": {"list": [chat, ...]}, "left_chats": {"list": [...]}}).
// Service messages are counted and left out; a malformed message is reported and skipped; JSON
// broken outside a message (or a file that ends early) stops the reading with the byte offset.
// A chat's channel id is "telegram:" + its "id" as written in the export.
class TelegramExportReader {
 public:
  TelegramExportReader(TelegramExportOptions options, MessageSink on_message, SkipSink on_skip);

  // Reads the next piece of the file; pieces may split the JSON anywhere.
  core::Status feed(std::string_view chunk);
  // Checks that the export ended where it should; returns what was read.
  core::Result<ReadSummary> finish();

 private:
  enum class Role { kOther, kChat, kChatGroup, kChatList, kMessages };
  enum class Expect { kKeyOrEnd, kKey, kColon, kValue, kValueOrEnd, kCommaOrEnd };
  enum class Mode { kStructure, kString, kScalar, kMessage };
  enum class ChatField { kNone, kName, kId };

  struct Frame {
    bool is_object = false;
    Role role = Role::kOther;
    Expect expect = Expect::kValue;
    std::string key;  // the key whose value is being read (objects)
  };
  struct Chat {
    std::optional<std::string> name;
    std::optional<std::string> id;
    bool has_messages = false;
    std::vector<Message> pending;  // read before the chat's id or name was known
  };

  bool step(char c);
  bool structure_byte(char c);
  bool begin_value(char c);
  bool string_byte(char c);
  bool finish_scalar();
  bool message_byte(char c);
  bool close_container();
  bool value_done();
  bool assign_chat_field(ChatField field, std::string_view json);
  bool handle_message();
  bool deliver(Chat& chat, Message&& message);
  bool end_chat();
  bool selected(const Chat& chat) const;
  bool fail(std::string what);
  void skip(std::int64_t offset, std::optional<std::int64_t> id, std::string reason);

  TelegramExportOptions options_;
  MessageSink on_message_;
  SkipSink on_skip_;
  ReadSummary summary_;

  std::int64_t offset_ = 0;  // of the byte being read
  Mode mode_ = Mode::kStructure;
  std::vector<Frame> frames_;
  std::vector<Chat> chats_;  // one per open chat object, innermost last
  bool root_done_ = false;
  bool saw_messages_ = false;

  bool string_is_key_ = false;
  bool escape_ = false;
  bool in_string_ = false;  // inside a string within a message
  ChatField field_ = ChatField::kNone;
  std::string token_;  // the key, chat field value or scalar being read

  std::string message_;          // the raw JSON of the message being read
  std::string message_nesting_;  // open brackets within it
  std::int64_t message_start_ = 0;

  std::optional<core::Error> error_;
};

// Reads an export from a stream in 1 MiB pieces.
core::Result<ReadSummary> read_telegram_export(std::istream& in,
                                               const TelegramExportOptions& options,
                                               const MessageSink& on_message,
                                               const SkipSink& on_skip);
// The same for a file; kIo when it cannot be opened; errors start with the path.
core::Result<ReadSummary> read_telegram_export_file(const std::string& path,
                                                    const TelegramExportOptions& options,
                                                    const MessageSink& on_message,
                                                    const SkipSink& on_skip);

}  // namespace sigtrader::signals
