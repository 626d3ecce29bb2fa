#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

#include <spdlog/sinks/base_sink.h>

namespace sigtrader::app {

// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD so that every line stays valid JSON whatever a message holds.
void append_json_string(std::string& out, std::string_view text);

// Writes each log record as one JSON object per line, for log collectors:
// {"ts":"2024-01-01T12:00:00.123Z","level":"info","logger":"sigtrader","msg":"..."}
// ts is ISO-8601 UTC with milliseconds when they are not zero.
class JsonLinesSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit JsonLinesSink(std::FILE* out) : out_(out) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override;
  void flush_() override;

 private:
  std::FILE* out_;
  std::string line_;
};

}  // namespace sigtrader::app
