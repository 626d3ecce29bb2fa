#pragma once

// Internal to the HTTP server (http_server.cpp, http_session.cpp, websocket_session.cpp): the
// state every connection shares, and the registry graceful shutdown walks.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/http_server.hpp"

namespace sigtrader::net {

// One open connection (HTTP or WebSocket) as shutdown sees it.
class ServerConnection {
 public:
  virtual ~ServerConnection() = default;
  // Called once on the server's stop, from any thread: the connection finishes what it is doing
  // and closes.
  virtual void shutdown() = 0;
  // Called by the stop once the server's threads have ended, for a connection still open: it
  // closes at once and says goodbye to its handler, which so lets go of it while the
  // io_context its socket and timers belong to still exists.
  virtual void abandon() {}
};

// What every connection shares. Connections hold it by shared_ptr: one a handler outside the
// server keeps (a WebSocket subscriber) may outlive the server.
struct ServerShared {
  explicit ServerShared(HttpServerOptions server_options, RequestHandler request_handler,
                        std::shared_ptr<WebSocketHandler> websocket_handler)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        websockets(std::move(websocket_handler)) {}

  HttpServerOptions options;
  RequestHandler handler;
  std::shared_ptr<WebSocketHandler> websockets;
  HttpServerCounters counters;
  std::atomic<bool> stopping{false};
  std::atomic<bool> stopped{false};  // the io_context no longer runs

  // Registry of live connections.
  std::mutex connections_mutex;
  std::condition_variable connections_closed;
  std::map<std::uint64_t, std::weak_ptr<ServerConnection>> connections;
  std::uint64_t next_connection_id = 1;

  std::uint64_t add_connection(const std::shared_ptr<ServerConnection>& connection) {
    const std::lock_guard lock(connections_mutex);
    const std::uint64_t id = next_connection_id++;
    connections.emplace(id, connection);
    return id;
  }
  void remove_connection(std::uint64_t id) {
    const std::lock_guard lock(connections_mutex);
    connections.erase(id);
    if (connections.empty()) connections_closed.notify_all();
  }
  ServerResponse error_response(int status, std::string_view message) const;
};

struct HttpServer::State {
  std::shared_ptr<ServerShared> shared;
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor{io};
  boost::asio::steady_timer accept_backoff{io};
  std::vector<std::thread> threads;
};

}  // namespace sigtrader::net
