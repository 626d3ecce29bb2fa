#include "signals/telegram_export.hpp"

#include <cstdint>
#include <fstream>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

namespace sigtrader::signals {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// A message larger than this is not a chat post; refusing it bounds the memory one message takes.
constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxTokenBytes = std::size_t{1} << 16;

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool is_scalar_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
         c == '+' || c == '.';
}

std::string printable(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", byte);
}

// An integer written as a JSON number or as a string of digits ("date_unixtime": "1700000000").
std::optional<std::int64_t> integer_field(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value->get_uint64());
  }
  if (!value->is_string()) return std::nullopt;
  const boost::json::string& text = value->get_string();
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t number = 0;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return std::nullopt;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    number = number * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -number : number;
}

// A time from "<key>_unixtime" (seconds, preferred: it is UTC) or "<key>" (the exporting
// computer's local time without a zone, read as UTC). std::nullopt when neither is present;
// an error when the one present is malformed.
core::Result<std::optional<core::Timestamp>> time_field(const boost::json::object& object,
                                                        std::string_view key) {
  const std::string unix_key = std::string(key) + "_unixtime";
  if (object.contains(unix_key)) {
    const auto seconds = integer_field(object, unix_key);
    if (!seconds) {
      return core::Error(core::ErrorCode::kParse,
                         fmt::format("'{}' is not a number of seconds", unix_key));
    }
    return std::optional(core::Timestamp::from_seconds(*seconds));
  }
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) return std::optional<core::Timestamp>();
  if (!value->is_string()) {
    return core::Error(core::ErrorCode::kParse, fmt::format("'{}' is not a date string", key));
  }
  auto parsed = core::Timestamp::try_parse_iso8601(value->get_string());
  if (!parsed) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("'{}': {}", key, parsed.error().message()));
  }
  return std::optional(*parsed);
}

// "text" is a string, or an array of strings and entity objects ({"type": "bold", "text": ...});
// the plain text is their concatenation.
core::Result<std::string> message_text(const boost::json::object& object) {
  const boost::json::value* value = object.if_contains("text");
  if (value == nullptr || value->is_null()) return std::string();
  if (value->is_string()) return std::string(value->get_string());
  if (!value->is_array()) {
    return core::Error(core::ErrorCode::kParse, "'text' must be a string or an array");
  }
  std::string text;
  for (const boost::json::value& part : value->get_array()) {
    if (part.is_string()) {
      text += part.get_string();
      continue;
    }
    const boost::json::value* entity_text =
        part.is_object() ? part.get_object().if_contains("text") : nullptr;
    if (entity_text == nullptr || !entity_text->is_string()) {
      return core::Error(core::ErrorCode::kParse,
                         "a part of 'text' is neither a string nor an entity with a \"text\"");
    }
    text += entity_text->get_string();
  }
  return text;
}

}  // namespace

TelegramExportReader::TelegramExportReader(TelegramExportOptions options, MessageSink on_message,
                                           SkipSink on_skip)
    : options_(std::move(options)),
      on_message_(std::move(on_message)),
      on_skip_(std::move(on_skip)) {}

core::Status TelegramExportReader::feed(std::string_view chunk) {
  if (error_) return *error_;
  for (const char c : chunk) {
    if (!step(c)) return *error_;
    ++offset_;
  }
  return {};
}

core::Result<ReadSummary> TelegramExportReader::finish() {
  if (error_) return *error_;
  if (mode_ == Mode::kScalar && !finish_scalar()) return *error_;
  std::string inside;
  if (mode_ == Mode::kMessage) {
    inside = fmt::format("a message that starts at byte {}", message_start_);
  } else if (mode_ == Mode::kString) {
    inside = "a string";
  } else if (!frames_.empty()) {
    inside = frames_.back().is_object ? "an object" : "an array";
  }
  if (!inside.empty()) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("the export ends at byte {} inside {}; is the file truncated?",
                                   offset_, inside));
  }
  if (!root_done_) return core::Error(core::ErrorCode::kParse, "the file is empty");
  if (!saw_messages_) {
    return core::Error(core::ErrorCode::kParse,
                       "no \"messages\" array: not a Telegram Desktop export (Export chat "
                       "history, format JSON)");
  }
  return summary_;
}

bool TelegramExportReader::fail(std::string what) {
  error_ = core::Error(core::ErrorCode::kParse, fmt::format("byte {}: {}", offset_, what));
  return false;
}

bool TelegramExportReader::step(char c) {
  switch (mode_) {
    case Mode::kMessage:
      return message_byte(c);
    case Mode::kString:
      return string_byte(c);
    case Mode::kScalar:
      if (is_scalar_char(c)) {
        if (token_.size() >= kMaxTokenBytes) return fail("a value is too long");
        token_.push_back(c);
        return true;
      }
      if (!finish_scalar()) return false;
      return structure_byte(c);
    case Mode::kStructure:
      return structure_byte(c);
  }
  return true;
}

bool TelegramExportReader::structure_byte(char c) {
  // A UTF-8 byte order mark before the JSON is allowed.
  if (is_space(c) ||
      (offset_ < 3 && static_cast<unsigned char>(c) >= 0xbb && frames_.empty() && !root_done_)) {
    return true;
  }
  if (frames_.empty()) {
    if (root_done_)
      return fail(fmt::format("unexpected {} after the end of the export", printable(c)));
    return begin_value(c);
  }
  Frame& frame = frames_.back();
  switch (frame.expect) {
    case Expect::kKeyOrEnd:
      if (c == '}') return close_container();
      [[fallthrough]];
    case Expect::kKey:
      if (c != '"') return fail(fmt::format("expected a key in quotes, found {}", printable(c)));
      mode_ = Mode::kString;
      string_is_key_ = true;
      escape_ = false;
      token_.clear();
      return true;
    case Expect::kColon:
      if (c != ':') return fail(fmt::format("expected ':' after a key, found {}", printable(c)));
      frame.expect = Expect::kValue;
      return true;
    case Expect::kValueOrEnd:
      if (c == ']') return close_container();
      [[fallthrough]];
    case Expect::kValue:
      return begin_value(c);
    case Expect::kCommaOrEnd:
      if (c == ',') {
        frame.expect = frame.is_object ? Expect::kKey : Expect::kValue;
        return true;
      }
      if (c == (frame.is_object ? '}' : ']')) return close_container();
      return fail(
          fmt::format("expected ',' or '{}', found {}", frame.is_object ? '}' : ']', printable(c)));
  }
  return true;
}

bool TelegramExportReader::begin_value(char c) {
  const Frame* parent = frames_.empty() ? nullptr : &frames_.back();
  const Role parent_role = parent != nullptr ? parent->role : Role::kOther;
  const std::string_view key = parent != nullptr ? std::string_view(parent->key) : "";

  if (parent_role == Role::kMessages && c == '{') {
    mode_ = Mode::kMessage;
    message_.assign(1, c);
    message_nesting_.assign(1, c);
    message_start_ = offset_;
    in_string_ = false;
    escape_ = false;
    return true;
  }
  if (c == '{' || c == '[') {
    Role role = Role::kOther;
    if (parent == nullptr && c == '{') {
      role = Role::kChat;  // a single-chat export; a full export's root has no messages
    } else if (parent_role == Role::kChat && key == "messages" && c == '[') {
      role = Role::kMessages;
    } else if (parent_role == Role::kChat && frames_.size() == 1 && c == '{' &&
               (key == "chats" || key == "left_chats")) {
      role = Role::kChatGroup;
    } else if (parent_role == Role::kChatGroup && key == "list" && c == '[') {
      role = Role::kChatList;
    } else if (parent_role == Role::kChatList && c == '{') {
      role = Role::kChat;
    }
    if (role == Role::kChat) chats_.emplace_back();
    if (role == Role::kMessages) {
      saw_messages_ = true;
      chats_.back().has_messages = true;
    }
    frames_.push_back(Frame{.is_object = c == '{',
                            .role = role,
                            .expect = c == '{' ? Expect::kKeyOrEnd : Expect::kValueOrEnd,
                            .key = {}});
    return true;
  }
  field_ = ChatField::kNone;
  if (parent_role == Role::kChat) {
    if (key == "name") field_ = ChatField::kName;
    if (key == "id") field_ = ChatField::kId;
  }
  token_.assign(1, c);
  if (c == '"') {
    mode_ = Mode::kString;
    string_is_key_ = false;
    escape_ = false;
    return true;
  }
  if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
    mode_ = Mode::kScalar;
    return true;
  }
  return fail(fmt::format("expected a value, found {}", printable(c)));
}

bool TelegramExportReader::string_byte(char c) {
  // Keys and chat names are kept; other strings outside messages are only walked over.
  const bool keep = string_is_key_ || field_ != ChatField::kNone;
  const bool closing = !escape_ && c == '"';
  if (keep && !(string_is_key_ && closing)) {
    if (token_.size() >= kMaxTokenBytes) return fail("a key or chat name is too long");
    token_.push_back(c);
  }
  if (escape_) {
    escape_ = false;
    return true;
  }
  if (c == '\\') {
    escape_ = true;
    return true;
  }
  if (!closing) return true;
  mode_ = Mode::kStructure;
  if (string_is_key_) {
    frames_.back().key = token_;
    frames_.back().expect = Expect::kColon;
    return true;
  }
  if (field_ != ChatField::kNone && !assign_chat_field(field_, token_)) return false;
  return value_done();
}

bool TelegramExportReader::finish_scalar() {
  mode_ = Mode::kStructure;
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(token_, ec);
  if (ec || value.is_string()) return fail(fmt::format("'{}' is not a JSON value", token_));
  if (field_ != ChatField::kNone && !assign_chat_field(field_, token_)) return false;
  return value_done();
}

bool TelegramExportReader::assign_chat_field(ChatField field, std::string_view json) {
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(json, ec);
  if (ec) return fail(fmt::format("the chat's {} is not valid JSON", json));
  Chat& chat = chats_.back();
  std::optional<std::string> text;
  if (value.is_string()) {
    text = std::string(value.get_string());
  } else if (value.is_number()) {
    text = std::string(json);  // keep the id as written
  }
  if (field == ChatField::kName) chat.name = text.value_or("");
  if (field == ChatField::kId && text) chat.id = *text;
  field_ = ChatField::kNone;
  return true;
}

bool TelegramExportReader::value_done() {
  if (frames_.empty()) {
    root_done_ = true;
    return true;
  }
  Frame& parent = frames_.back();
  if (parent.role == Role::kMessages && mode_ == Mode::kStructure && message_.empty()) {
    skip(offset_, std::nullopt, "a message must be a JSON object");
  }
  message_.clear();
  parent.expect = Expect::kCommaOrEnd;
  return true;
}

bool TelegramExportReader::close_container() {
  const Role role = frames_.back().role;
  frames_.pop_back();
  if (role == Role::kChat && !end_chat()) return false;
  return value_done();
}

bool TelegramExportReader::message_byte(char c) {
  if (message_.size() >= kMaxMessageBytes) {
    return fail(fmt::format("the message that starts at byte {} is larger than {} MiB",
                            message_start_, kMaxMessageBytes >> 20));
  }
  message_.push_back(c);
  if (in_string_) {
    if (escape_) {
      escape_ = false;
    } else if (c == '\\') {
      escape_ = true;
    } else if (c == '"') {
      in_string_ = false;
    }
    return true;
  }
  if (c == '"') {
    in_string_ = true;
  } else if (c == '{' || c == '[') {
    message_nesting_.push_back(c);
  } else if (c == '}' || c == ']') {
    const char open = c == '}' ? '{' : '[';
    if (message_nesting_.back() != open) {
      return fail(fmt::format("'{}' closes a '{}' in the message that starts at byte {}", c,
                              message_nesting_.back(), message_start_));
    }
    message_nesting_.pop_back();
    if (message_nesting_.empty()) {
      mode_ = Mode::kStructure;
      if (!handle_message()) return false;
      return value_done();
    }
  }
  return true;
}

void TelegramExportReader::skip(std::int64_t offset, std::optional<std::int64_t> id,
                                std::string reason) {
  ++summary_.skipped;
  std::string where = fmt::format("byte {}", offset);
  const Chat* chat = chats_.empty() ? nullptr : &chats_.back();
  if (id || (chat != nullptr && chat->name)) {
    where += " (";
    if (id) where += fmt::format("message {}", *id);
    if (chat != nullptr && chat->name) {
      where += fmt::format("{}chat '{}'", id ? " of " : "", *chat->name);
    }
    where += ")";
  }
  if (on_skip_) on_skip_(SkippedMessage{.where = std::move(where), .reason = std::move(reason)});
}

bool TelegramExportReader::handle_message() {
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(message_, ec);
  if (ec) {
    skip(message_start_, std::nullopt, fmt::format("not valid JSON ({})", ec.message()));
    return true;
  }
  const boost::json::object& object = value.get_object();
  const std::optional<std::int64_t> id = integer_field(object, "id");
  if (const auto* type = object.if_contains("type");
      type != nullptr && !(type->is_string() && type->get_string() == "message")) {
    ++summary_.service;
    return true;
  }
  if (!id) {
    skip(message_start_, std::nullopt, "'id' is missing or not an integer");
    return true;
  }
  const auto posted = time_field(object, "date");
  if (!posted || !posted->has_value()) {
    skip(message_start_, id, posted ? "no 'date' or 'date_unixtime'" : posted.error().message());
    return true;
  }
  const auto edited = time_field(object, "edited");
  if (!edited) {
    skip(message_start_, id, edited.error().message());
    return true;
  }
  auto text = message_text(object);
  if (!text) {
    skip(message_start_, id, text.error().message());
    return true;
  }
  Message message{
      .source = "telegram",
      .channel_id = {},
      .channel_title = {},
      .id = core::MessageId(*id),
      .ts = **posted,
      .text = std::move(*text),
      .reply_to = std::nullopt,
      .edited_at = *edited,
      .forwarded_from = std::nullopt,
      .raw_json = std::nullopt,
  };
  if (object.contains("reply_to_message_id")) {
    const auto reply_to = integer_field(object, "reply_to_message_id");
    if (!reply_to) {
      skip(message_start_, id, "'reply_to_message_id' is not an integer");
      return true;
    }
    message.reply_to = core::MessageId(*reply_to);
  }
  if (const auto* from = object.if_contains("forwarded_from");
      from != nullptr && from->is_string()) {
    message.forwarded_from = std::string(from->get_string());
  }
  Chat& chat = chats_.back();
  if (!chat.id || (options_.chat && !chat.name)) {
    chat.pending.push_back(std::move(message));  // the chat's id or name comes later
    return true;
  }
  return deliver(chat, std::move(message));
}

bool TelegramExportReader::selected(const Chat& chat) const {
  if (!options_.chat) return true;
  const std::string& wanted = *options_.chat;
  return (chat.name && *chat.name == wanted) ||
         (chat.id && (*chat.id == wanted || "telegram:" + *chat.id == wanted));
}

bool TelegramExportReader::deliver(Chat& chat, Message&& message) {
  if (!selected(chat)) return true;
  message.channel_id = core::ChannelId("telegram:" + *chat.id);
  message.channel_title = chat.name.value_or("");
  ++summary_.messages;
  if (!on_message_) return true;
  if (core::Status status = on_message_(std::move(message)); !status.ok()) {
    error_ = status.error();
    return false;
  }
  return true;
}

bool TelegramExportReader::end_chat() {
  Chat chat = std::move(chats_.back());
  if (chat.has_messages) {
    if (selected(chat)) {
      ++summary_.chats;
    } else {
      ++summary_.chats_left_out;
    }
  }
  for (Message& message : chat.pending) {
    if (!chat.id) {
      skip(offset_, message.id.value(), "its chat has no 'id'");
      continue;
    }
    if (!deliver(chat, std::move(message))) return false;
  }
  chats_.pop_back();
  return true;
}

core::Result<ReadSummary> read_telegram_export(std::istream& in,
                                               const TelegramExportOptions& options,
                                               const MessageSink& on_message,
                                               const SkipSink& on_skip) {
  TelegramExportReader reader(options, on_message, on_skip);
  std::string chunk(kChunkBytes, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto count = static_cast<std::size_t>(in.gcount());
    if (count == 0) break;
    SIGTRADER_RETURN_IF_ERROR(reader.feed(std::string_view(chunk.data(), count)));
  }
  if (in.bad()) return core::Error(core::ErrorCode::kIo, "reading failed");
  return reader.finish();
}

core::Result<ReadSummary> read_telegram_export_file(const std::string& path,
                                                    const TelegramExportOptions& options,
                                                    const MessageSink& on_message,
                                                    const SkipSink& on_skip) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error(core::ErrorCode::kIo, fmt::format("{}: cannot open the file", path));
  }
  auto summary = read_telegram_export(in, options, on_message, on_skip);
  if (!summary.ok()) return summary.error().with_context(path);
  return summary;
}

}  // namespace sigtrader::signals
