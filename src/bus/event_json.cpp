#include "bus/event_json.hpp"

#include <boost/json/array.hpp>

namespace sigtrader::bus {
namespace {

namespace json = boost::json;

json::string_view sv(std::string_view text) {
  return {text.data(), text.size()};
}

void put_header(json::object& out, const EventHeader& header) {
  out["ts_event"] = header.ts_event.to_iso8601();
  out["ts_init"] = header.ts_init.to_iso8601();
}

template <typename Tag>
json::value decimal_or_null(const std::optional<core::FixedPoint<Tag>>& value) {
  if (!value) return nullptr;
  return json::value(value->to_string());
}

json::array prices(const std::vector<core::Price>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& price : values)
    out.emplace_back(price.to_string());
  return out;
}

json::object pairs(const std::vector<std::pair<std::string, std::string>>& details) {
  json::object out;
  for (const auto& [key, value] : details)
    out[key] = value;
  return out;
}

}  // namespace

json::object to_json(const SignalEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["channel"] = event.channel.str();
  out["message_id"] = event.message_id.value();
  out["label"] = event.label;
  out["confidence"] = event.confidence;
  out["symbol"] = event.symbol ? json::value(event.symbol->to_string()) : json::value(nullptr);
  out["side"] = event.side ? json::value(sv(core::to_string(*event.side))) : json::value(nullptr);
  out["entries"] = prices(event.entries);
  out["targets"] = prices(event.targets);
  out["stop_loss"] = decimal_or_null(event.stop_loss);
  out["leverage"] = event.leverage;
  out["version"] = event.version;
  out["update_kind"] = event.update_kind ? json::value(*event.update_kind) : json::value(nullptr);
  out["refers_to"] = event.refers_to ? json::value(event.refers_to->value()) : json::value(nullptr);
  out["link_rule"] = event.link_rule ? json::value(*event.link_rule) : json::value(nullptr);
  json::array changed;
  for (const std::string& field : event.changed)
    changed.emplace_back(field);
  out["changed"] = std::move(changed);
  return out;
}

json::object to_json(const OrderEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["client_order_id"] = event.client_order_id.str();
  out["venue_order_id"] = event.venue_order_id.str();
  out["symbol"] = event.symbol.to_string();
  out["side"] = sv(core::to_string(event.side));
  out["order_type"] = sv(core::to_string(event.type));
  out["status"] = sv(core::to_string(event.status));
  out["quantity"] = event.quantity.to_string();
  out["price"] = decimal_or_null(event.price);
  out["trigger_price"] = decimal_or_null(event.trigger_price);
  out["filled_quantity"] = event.filled_quantity.to_string();
  out["reduce_only"] = event.reduce_only;
  out["reason"] = event.reason;
  return out;
}

json::object to_json(const FillEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["client_order_id"] = event.client_order_id.str();
  out["venue_order_id"] = event.venue_order_id.str();
  out["trade_id"] = event.trade_id.str();
  out["symbol"] = event.symbol.to_string();
  out["side"] = sv(core::to_string(event.side));
  out["price"] = event.price.to_string();
  out["quantity"] = event.quantity.to_string();
  out["fee"] = event.fee.to_string();
  out["fee_asset"] = event.fee_asset;
  out["maker"] = event.maker;
  out["slippage"] = event.slippage.to_string();
  return out;
}

json::object to_json(const PositionEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["symbol"] = event.symbol.to_string();
  out["quantity"] = event.quantity.to_string();
  out["average_entry"] = event.average_entry.to_string();
  out["realized_pnl"] = event.realized_pnl.to_string();
  out["unrealized_pnl"] = event.unrealized_pnl.to_string();
  out["fees"] = event.fees.to_string();
  return out;
}

json::object to_json(const RiskEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["kind"] = event.kind;
  out["symbol"] = event.symbol ? json::value(event.symbol->to_string()) : json::value(nullptr);
  out["reason"] = event.reason;
  out["details"] = pairs(event.details);
  return out;
}

json::object to_json(const SystemEvent& event) {
  json::object out;
  put_header(out, event.header);
  out["kind"] = event.kind;
  out["component"] = event.component;
  out["message"] = event.message;
  out["details"] = pairs(event.details);
  return out;
}

std::optional<std::string> event_symbol(const SignalEvent& event) {
  if (!event.symbol) return std::nullopt;
  return event.symbol->to_string();
}
std::optional<std::string> event_symbol(const OrderEvent& event) {
  return event.symbol.to_string();
}
std::optional<std::string> event_symbol(const FillEvent& event) {
  return event.symbol.to_string();
}
std::optional<std::string> event_symbol(const PositionEvent& event) {
  return event.symbol.to_string();
}
std::optional<std::string> event_symbol(const RiskEvent& event) {
  if (!event.symbol) return std::nullopt;
  return event.symbol->to_string();
}
std::optional<std::string> event_symbol(const SystemEvent&) {
  return std::nullopt;
}

}  // namespace sigtrader::bus
