#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "bus/events.hpp"

namespace sigtrader::bus {

// One event as the event log and the API write it: {ts, type, symbol?, payload, trace_id?}.
struct EventRecord {
  core::Timestamp ts;  // ts_init: the order in which sigtrader saw it
  std::string_view type;
  std::optional<std::string> symbol;
  boost::json::object payload;
  std::string trace_id;
};

// The payload of each event: every field, prices and quantities as exact decimal strings, times
// as ISO-8601, enums by name.
boost::json::object to_json(const SignalEvent& event);
boost::json::object to_json(const OrderEvent& event);
boost::json::object to_json(const FillEvent& event);
boost::json::object to_json(const PositionEvent& event);
boost::json::object to_json(const RiskEvent& event);
boost::json::object to_json(const SystemEvent& event);

std::optional<std::string> event_symbol(const SignalEvent& event);
std::optional<std::string> event_symbol(const OrderEvent& event);
std::optional<std::string> event_symbol(const FillEvent& event);
std::optional<std::string> event_symbol(const PositionEvent& event);
std::optional<std::string> event_symbol(const RiskEvent& event);
std::optional<std::string> event_symbol(const SystemEvent& event);

template <typename Event>
EventRecord to_record(const Event& event) {
  return EventRecord{event.header.ts_init, Event::kType, event_symbol(event), to_json(event),
                     event.header.trace_id.str()};
}

}  // namespace sigtrader::bus
