#include "api/event_stream.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "bus/event_json.hpp"
#include "bus/events.hpp"

namespace sigtrader::api {
namespace {

// Close codes (RFC 6455 leaves 4000-4999 to applications): 4400 a message that is not what the
// protocol expects, 4401 not authenticated.
constexpr std::uint16_t kBadMessage = 4400;
constexpr std::uint16_t kUnauthorized = 4401;

bool is_topic(std::string_view name) {
  return std::ranges::find(EventStream::kTopics, name) != std::end(EventStream::kTopics);
}

std::set<std::string, std::less<>> all_topics() {
  return {std::begin(EventStream::kTopics), std::end(EventStream::kTopics)};
}

}  // namespace

EventStream::EventStream(Authenticator& authenticator, Metrics& metrics, Admission admission)
    : authenticator_(authenticator), metrics_(metrics), admission_(std::move(admission)) {}

std::optional<net::ServerResponse> EventStream::admit(const net::ServerRequest& upgrade) {
  if (!admission_) return std::nullopt;
  return admission_(upgrade);
}

void EventStream::on_open(const std::shared_ptr<net::WebSocketConnection>& connection,
                          const net::ServerRequest&) {
  const std::lock_guard lock(mutex_);
  clients_.insert_or_assign(connection->id(), Client{connection, std::nullopt, all_topics()});
}

void EventStream::on_close(const std::shared_ptr<net::WebSocketConnection>& connection) {
  const std::lock_guard lock(mutex_);
  clients_.erase(connection->id());
}

void EventStream::reply(const std::shared_ptr<net::WebSocketConnection>& connection,
                        const boost::json::object& message) {
  connection->send(boost::json::serialize(message));
}

void EventStream::on_message(const std::shared_ptr<net::WebSocketConnection>& connection,
                             std::string_view text) {
  boost::system::error_code error;
  const boost::json::value parsed = boost::json::parse(text, error);
  const boost::json::object* message = parsed.if_object();
  const boost::json::string* op =
      message && message->contains("op") ? message->at("op").if_string() : nullptr;
  if (error || !op) {
    connection->close(kBadMessage, "expected a JSON object with \"op\"");
    return;
  }
  bool authenticated = false;
  {
    const std::lock_guard lock(mutex_);
    const auto it = clients_.find(connection->id());
    authenticated = it != clients_.end() && it->second.user.has_value();
  }
  if (*op == "auth") {
    const boost::json::string* key =
        message->contains("key") ? message->at("key").if_string() : nullptr;
    auto caller = key ? authenticator_.authenticate(*key)
                      : core::Result<Caller>(core::Error(core::ErrorCode::kInvalidArgument, ""));
    if (!caller.ok()) {
      reply(connection, {{"type", "auth"}, {"ok", false}, {"error", "unknown or revoked API key"}});
      connection->close(kUnauthorized, "unauthorized");
      return;
    }
    {
      const std::lock_guard lock(mutex_);
      if (const auto it = clients_.find(connection->id()); it != clients_.end()) {
        it->second.user = caller->user.id;
      }
    }
    reply(connection, {{"type", "auth"},
                       {"ok", true},
                       {"user", caller->user.name},
                       {"role", to_string(caller->role)}});
    return;
  }
  if (!authenticated) {
    connection->close(kUnauthorized, "authenticate first: {\"op\":\"auth\",\"key\":\"...\"}");
    return;
  }
  if (*op == "subscribe") {
    const boost::json::array* topics =
        message->contains("topics") ? message->at("topics").if_array() : nullptr;
    if (!topics) {
      connection->close(kBadMessage, "subscribe needs \"topics\": [...]");
      return;
    }
    std::set<std::string, std::less<>> chosen;
    boost::json::array unknown;
    for (const auto& topic : *topics) {
      const boost::json::string* name = topic.if_string();
      if (name && is_topic(*name)) {
        chosen.emplace(*name);
      } else {
        unknown.push_back(topic);
      }
    }
    boost::json::array accepted;
    for (const std::string& topic : chosen)
      accepted.emplace_back(topic);
    {
      const std::lock_guard lock(mutex_);
      if (const auto it = clients_.find(connection->id()); it != clients_.end()) {
        it->second.topics = std::move(chosen);
      }
    }
    reply(connection, {{"type", "subscribed"}, {"topics", accepted}, {"unknown", unknown}});
    return;
  }
  if (*op == "ping") {
    reply(connection, {{"type", "pong"}});
    return;
  }
  connection->close(kBadMessage, "unknown op");
}

template <typename MakeData>
std::size_t EventStream::publish_with(core::UserId user, std::string_view topic, core::Timestamp ts,
                                      const MakeData& make_data) {
  metrics_.add("sigtrader_events_total", {{"type", std::string(topic)}});
  if (!wants(user, topic)) return 0;
  // Serialized once for every client.
  const std::string text = boost::json::serialize(boost::json::object{
      {"type", "event"}, {"topic", topic}, {"ts", ts.ns() / 1'000'000}, {"data", make_data()}});
  std::size_t sent = 0;
  const std::lock_guard lock(mutex_);
  for (auto& [id, client] : clients_) {
    if (client.user != user || !client.topics.contains(topic)) continue;
    if (client.connection->send(text)) ++sent;
  }
  return sent;
}

std::size_t EventStream::publish(core::UserId user, std::string_view topic, core::Timestamp ts,
                                 const boost::json::object& data) {
  return publish_with(user, topic, ts, [&data]() -> const boost::json::object& { return data; });
}

bool EventStream::wants(core::UserId user, std::string_view topic) const {
  const std::lock_guard lock(mutex_);
  return std::ranges::any_of(clients_, [&](const auto& entry) {
    return entry.second.user == user && entry.second.topics.contains(topic);
  });
}

void EventStream::attach(bus::MessageBus& bus, core::UserId user) {
  // Each event becomes JSON only when one of the user's clients subscribes to its topic.
  const auto forward = [this, user](std::string_view topic, const auto& event) {
    publish_with(user, topic, event.header.ts_event, [&event] { return bus::to_json(event); });
  };
  bus.subscribe<bus::SignalEvent>([this, forward](const bus::SignalEvent& event) {
    metrics_.add("sigtrader_signals_total", {{"label", event.label}});
    forward("signal", event);
  });
  bus.subscribe<bus::OrderEvent>(
      [forward](const bus::OrderEvent& event) { forward("order", event); });
  bus.subscribe<bus::FillEvent>([forward](const bus::FillEvent& event) { forward("fill", event); });
  bus.subscribe<bus::PositionEvent>(
      [forward](const bus::PositionEvent& event) { forward("position", event); });
  bus.subscribe<bus::RiskEvent>([forward](const bus::RiskEvent& event) {
    const bool decision = event.kind.starts_with("decision_");
    forward(decision ? "decision" : "risk", event);
  });
}

void EventStream::drop_all() {
  const std::lock_guard lock(mutex_);
  clients_.clear();
}

std::size_t EventStream::clients() const {
  const std::lock_guard lock(mutex_);
  return clients_.size();
}

}  // namespace sigtrader::api
