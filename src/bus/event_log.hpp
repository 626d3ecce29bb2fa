#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bus/event_json.hpp"
#include "bus/message_bus.hpp"
#include "bus/secret_masking.hpp"
#include "core/result.hpp"

namespace sigtrader::bus {

struct EventLogOptions {
  std::filesystem::path dir = "events";
  std::vector<std::string> extra_secret_keys;  // masked in addition to the built-in names
};

// Appends every event as one JSON line to dir/YYYY-MM-DD/events-HH.jsonl, chosen by the event's
// ts_init (UTC), so a new hour starts a new file and a backtest writes files of simulated time.
// Secrets are masked before a line is formatted, so they never reach the disk.
class EventLog {
 public:
  static core::Result<std::unique_ptr<EventLog>> open(EventLogOptions options);
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // {"ts":..., "type":..., "symbol":..., "payload":{...}, "trace_id":...}; symbol and trace_id
  // only when present. Flushes the line to the OS before returning.
  core::Status write(EventRecord record);

  // Subscribes to one event type on `bus`; attach_all() subscribes to every event of events.hpp.
  template <typename Event>
  void attach(MessageBus& bus) {
    bus.subscribe<Event>([this](const Event& event) { record_failure(write(to_record(event))); });
  }
  void attach_all(MessageBus& bus);

  // Writes that failed while attached to a bus (a handler cannot return the error).
  std::uint64_t failed_writes() const { return failed_writes_; }
  const std::optional<core::Error>& last_error() const { return last_error_; }
  // The file the last line went to.
  const std::filesystem::path& current_path() const { return current_path_; }

 private:
  EventLog(EventLogOptions options);
  core::Status rotate_to(const core::Timestamp& ts);
  void record_failure(const core::Status& status);

  EventLogOptions options_;
  SecretMasker masker_;
  std::FILE* file_ = nullptr;
  std::int64_t current_hour_ = -1;  // hours since the epoch of the open file
  std::filesystem::path current_path_;
  std::uint64_t failed_writes_ = 0;
  std::optional<core::Error> last_error_;
};

// The path of the file holding events of the hour of `ts`.
std::filesystem::path event_log_path(const std::filesystem::path& dir, core::Timestamp ts);

}  // namespace sigtrader::bus
