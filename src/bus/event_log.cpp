#include "bus/event_log.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

namespace sigtrader::bus {
namespace {

constexpr std::int64_t kNsPerHour = 3'600LL * 1'000'000'000LL;

std::int64_t hour_number(core::Timestamp ts) {
  return ts.floor_to(core::Duration::hours(1)).ns() / kNsPerHour;
}

}  // namespace

std::filesystem::path event_log_path(const std::filesystem::path& dir, core::Timestamp ts) {
  return dir / ts.date_string() / fmt::format("events-{:02}.jsonl", ts.hour());
}

EventLog::EventLog(EventLogOptions options)
    : options_(std::move(options)), masker_(options_.extra_secret_keys) {}

EventLog::~EventLog() {
  if (file_ != nullptr) std::fclose(file_);
}

core::Result<std::unique_ptr<EventLog>> EventLog::open(EventLogOptions options) {
  std::error_code error;
  std::filesystem::create_directories(options.dir, error);
  if (error) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot create the event log folder {}: {}",
                                   options.dir.string(), error.message()));
  }
  return std::unique_ptr<EventLog>(new EventLog(std::move(options)));
}

core::Status EventLog::rotate_to(const core::Timestamp& ts) {
  const std::int64_t hour = hour_number(ts);
  if (file_ != nullptr && hour == current_hour_) return {};
  if (file_ != nullptr) {
    std::fclose(file_);
    file_ = nullptr;
  }
  auto path = event_log_path(options_.dir, ts);
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    return core::Error(
        core::ErrorCode::kIo,
        fmt::format("cannot create {}: {}", path.parent_path().string(), error.message()));
  }
  file_ = std::fopen(path.c_str(), "ab");
  if (file_ == nullptr) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
  }
  current_hour_ = hour;
  current_path_ = std::move(path);
  return {};
}

core::Status EventLog::write(EventRecord record) {
  SIGTRADER_RETURN_IF_ERROR(rotate_to(record.ts));
  boost::json::object line;
  line["ts"] = record.ts.to_iso8601();
  line["type"] = boost::json::string_view(record.type.data(), record.type.size());
  if (record.symbol) line["symbol"] = *record.symbol;
  line["payload"] = std::move(record.payload);
  if (!record.trace_id.empty()) line["trace_id"] = record.trace_id;
  boost::json::value value(std::move(line));
  masker_.mask(value);
  std::string text = boost::json::serialize(value);
  text.push_back('\n');
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0) {
    return core::Error(
        core::ErrorCode::kIo,
        fmt::format("cannot write to {}: {}", current_path_.string(), std::strerror(errno)));
  }
  return {};
}

void EventLog::attach_all(MessageBus& bus) {
  attach<SignalEvent>(bus);
  attach<OrderEvent>(bus);
  attach<FillEvent>(bus);
  attach<PositionEvent>(bus);
  attach<RiskEvent>(bus);
  attach<SystemEvent>(bus);
}

void EventLog::record_failure(const core::Status& status) {
  if (status.ok()) return;
  ++failed_writes_;
  last_error_ = status.error();
}

}  // namespace sigtrader::bus
