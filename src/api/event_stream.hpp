#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "api/authenticator.hpp"
#include "api/metrics.hpp"
#include "bus/message_bus.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "net/server_types.hpp"

namespace sigtrader::api {

// The WebSocket `/api/v1/stream` (docs/api.md): clients authenticate with their first message,
// choose topics, and receive the events of their own user as they happen. publish() is called on
// the engine's thread and never waits for a client: each message is queued per connection and a
// client that falls behind is dropped by the server (4408).
class EventStream : public net::WebSocketHandler {
 public:
  static constexpr std::string_view kTopics[] = {"signal",   "decision", "order", "fill",
                                                 "position", "risk",     "equity"};

  // Decides whether an upgrade may open a stream at all (a response refuses it).
  using Admission = std::function<std::optional<net::ServerResponse>(const net::ServerRequest&)>;

  EventStream(Authenticator& authenticator, Metrics& metrics, Admission admission = {});

  std::optional<net::ServerResponse> admit(const net::ServerRequest& upgrade) override;

  void on_open(const std::shared_ptr<net::WebSocketConnection>& connection,
               const net::ServerRequest& upgrade) override;
  void on_message(const std::shared_ptr<net::WebSocketConnection>& connection,
                  std::string_view text) override;
  void on_close(const std::shared_ptr<net::WebSocketConnection>& connection) override;

  // Sends {"type":"event","topic","ts","data"} to the user's subscribed clients; returns how many.
  std::size_t publish(core::UserId user, std::string_view topic, core::Timestamp ts,
                      const boost::json::object& data);
  // Whether an authenticated client of `user` subscribes to `topic`: when none does, an event
  // need not be turned into JSON at all (the usual case).
  bool wants(core::UserId user, std::string_view topic) const;
  // Forwards the bus's signal, order, fill, position and risk events as the user's (decisions are
  // the risk events whose kind starts with "decision_").
  void attach(bus::MessageBus& bus, core::UserId user);

  std::size_t clients() const;
  // Lets go of every connection; the server calls it when it stops, since a connection must not
  // outlive the server's threads.
  void drop_all();

 private:
  struct Client {
    std::shared_ptr<net::WebSocketConnection> connection;
    std::optional<core::UserId> user;  // set once authenticated
    std::set<std::string, std::less<>> topics;
  };
  void reply(const std::shared_ptr<net::WebSocketConnection>& connection,
             const boost::json::object& message);
  // publish() with the data made by `make_data()`, called only when a client wants the event.
  template <typename MakeData>
  std::size_t publish_with(core::UserId user, std::string_view topic, core::Timestamp ts,
                           const MakeData& make_data);

  Authenticator& authenticator_;
  Metrics& metrics_;
  Admission admission_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Client> clients_;
};

}  // namespace sigtrader::api
