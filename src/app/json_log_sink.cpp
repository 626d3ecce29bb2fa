#include "app/json_log_sink.hpp"

#include <chrono>
#include <cstdint>

#include <fmt/format.h>

#include "core/time.hpp"

namespace sigtrader::app {

namespace {

// Length of the well-formed UTF-8 sequence at the start of `text`, or 0 when it is not one
// (overlong forms, surrogates and code points past U+10FFFF are not well-formed).
std::size_t utf8_sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) {
    return i < text.size() && (byte(i) & 0xC0) == 0x80;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;   // overlong
    if (lead == 0xED && byte(1) >= 0xA0) return 0;  // UTF-16 surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;   // overlong
    if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

// The level names of --log-level and the config, not spdlog's ("warning", "critical").
std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  while (!text.empty()) {
    const char c = text.front();
    const std::size_t length = utf8_sequence_length(text);
    if (length == 0) {
      out += "\\ufffd";
      text.remove_prefix(1);
      continue;
    }
    if (length > 1) {
      out.append(text.substr(0, length));
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
    text.remove_prefix(length);
  }
  out += '"';
}

void JsonLinesSink::sink_it_(const spdlog::details::log_msg& message) {
  const auto since_epoch = message.time.time_since_epoch();
  const std::int64_t ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count();
  line_.clear();
  line_ += "{\"ts\":";
  append_json_string(line_, core::Timestamp::from_ms(ms).to_iso8601());
  line_ += ",\"level\":";
  append_json_string(line_, level_name(message.level));
  line_ += ",\"logger\":";
  append_json_string(line_,
                     std::string_view(message.logger_name.data(), message.logger_name.size()));
  line_ += ",\"msg\":";
  append_json_string(line_, std::string_view(message.payload.data(), message.payload.size()));
  line_ += "}\n";
  std::fwrite(line_.data(), 1, line_.size(), out_);
}

void JsonLinesSink::flush_() {
  std::fflush(out_);
}

}  // namespace sigtrader::app
