#include "signals/jsonl_messages.hpp"

#include <cstdint>
#include <fstream>
#include <set>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

namespace sigtrader::signals {
namespace {

// Epoch values at or above this many are milliseconds: 10^11 seconds is the year 5138.
constexpr std::int64_t kMillisecondsFrom = 100'000'000'000;

std::optional<std::int64_t> parse_digits(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

core::Result<std::int64_t> integer(const boost::json::value& value, std::string_view key) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_string()) {
    if (auto number = parse_digits(value.get_string())) return *number;
  }
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("\"{}\" must be an integer or a string of digits", key));
}

core::Result<core::Timestamp> timestamp(const boost::json::value& value, std::string_view key) {
  std::optional<std::int64_t> epoch;
  if (value.is_int64()) {
    epoch = value.get_int64();
  } else if (value.is_string()) {
    epoch = parse_digits(value.get_string());
    if (!epoch) {
      auto parsed = core::Timestamp::try_parse_iso8601(value.get_string());
      if (!parsed) {
        return core::Error(core::ErrorCode::kParse,
                           fmt::format("\"{}\": {}", key, parsed.error().message()));
      }
      return *parsed;
    }
  }
  if (!epoch || *epoch < 0) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("\"{}\" must be an ISO-8601 time or epoch seconds or "
                                   "milliseconds",
                                   key));
  }
  return *epoch >= kMillisecondsFrom ? core::Timestamp::from_ms(*epoch)
                                     : core::Timestamp::from_seconds(*epoch);
}

core::Result<std::string> required_string(const boost::json::object& object, std::string_view key) {
  const boost::json::value* value = object.if_contains(key);
  if (value == nullptr) {
    return core::Error(core::ErrorCode::kParse, fmt::format("\"{}\" is missing", key));
  }
  if (!value->is_string()) {
    return core::Error(core::ErrorCode::kParse, fmt::format("\"{}\" must be a string", key));
  }
  return std::string(value->get_string());
}

core::Result<Message> parse_line(std::string_view line) {
  boost::json::error_code ec;
  const boost::json::value value = boost::json::parse(line, ec);
  if (ec) {
    return core::Error(core::ErrorCode::kParse, fmt::format("not valid JSON ({})", ec.message()));
  }
  if (!value.is_object()) return core::Error(core::ErrorCode::kParse, "not a JSON object");
  const boost::json::object& object = value.get_object();
  SIGTRADER_TRY(std::string channel, required_string(object, "channel"));
  if (channel.empty()) return core::Error(core::ErrorCode::kParse, "\"channel\" is empty");
  SIGTRADER_TRY(std::string text, required_string(object, "text"));
  const boost::json::value* id = object.if_contains("id");
  if (id == nullptr) return core::Error(core::ErrorCode::kParse, "\"id\" is missing");
  SIGTRADER_TRY(const std::int64_t message_id, integer(*id, "id"));
  const boost::json::value* ts = object.if_contains("ts");
  if (ts == nullptr) return core::Error(core::ErrorCode::kParse, "\"ts\" is missing");
  SIGTRADER_TRY(const core::Timestamp posted, timestamp(*ts, "ts"));

  Message message{
      .source = "file",
      .channel_id = core::ChannelId("file:" + channel),
      .channel_title = channel,
      .id = core::MessageId(message_id),
      .ts = posted,
      .text = std::move(text),
      .reply_to = std::nullopt,
      .edited_at = std::nullopt,
      .forwarded_from = std::nullopt,
      .raw_json = boost::json::serialize(object),
  };
  if (const auto* reply_to = object.if_contains("reply_to");
      reply_to != nullptr && !reply_to->is_null()) {
    SIGTRADER_TRY(const std::int64_t reply_id, integer(*reply_to, "reply_to"));
    message.reply_to = core::MessageId(reply_id);
  }
  if (const auto* edited = object.if_contains("edited_at");
      edited != nullptr && !edited->is_null()) {
    SIGTRADER_TRY(const core::Timestamp edited_at, timestamp(*edited, "edited_at"));
    message.edited_at = edited_at;
  }
  if (const auto* from = object.if_contains("forwarded_from");
      from != nullptr && from->is_string()) {
    message.forwarded_from = std::string(from->get_string());
  }
  return message;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

core::Result<ReadSummary> read_jsonl_messages(std::istream& in, const MessageSink& on_message,
                                              const SkipSink& on_skip) {
  ReadSummary summary;
  std::set<std::string> channels;
  std::string line;
  std::int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (is_blank(line)) continue;
    auto message = parse_line(line);
    if (!message.ok()) {
      ++summary.skipped;
      if (on_skip) {
        on_skip(SkippedMessage{.where = fmt::format("line {}", line_number),
                               .reason = message.error().message()});
      }
      continue;
    }
    channels.insert(message->channel_id.str());
    summary.chats = static_cast<std::int64_t>(channels.size());
    ++summary.messages;
    if (on_message) {
      if (core::Status status = on_message(std::move(*message)); !status.ok()) {
        return status.error().with_context(fmt::format("line {}", line_number));
      }
    }
  }
  if (in.bad()) return core::Error(core::ErrorCode::kIo, "reading failed");
  return summary;
}

core::Result<ReadSummary> read_jsonl_messages_file(const std::string& path,
                                                   const MessageSink& on_message,
                                                   const SkipSink& on_skip) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error(core::ErrorCode::kIo, fmt::format("{}: cannot open the file", path));
  }
  auto summary = read_jsonl_messages(in, on_message, on_skip);
  if (!summary.ok()) return summary.error().with_context(path);
  return summary;
}

}  // namespace sigtrader::signals
