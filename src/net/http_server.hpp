#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"
#include "net/server_types.hpp"

namespace sigtrader::net {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: any free port (see HttpServer::port())
  int threads = 1;
  // A request larger than these is answered 413 (body) or 431 (header) and the connection closed.
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  // A whole request must arrive within this from its first byte, so a client that trickles a
  // request byte by byte (slowloris) holds a connection no longer than this.
  core::Duration request_timeout = core::Duration::seconds(10);
  // A keep-alive connection with no request for this long is closed.
  core::Duration idle_timeout = core::Duration::seconds(30);
  // Connections past this are closed at once, so a flood cannot exhaust descriptors.
  std::size_t max_connections = 4096;
  // WebSocket: the only path that accepts an upgrade (empty: none), the largest message taken from
  // a client, and the most a connection may have queued towards a slow client before it is
  // dropped.
  std::string websocket_path;
  std::size_t websocket_max_message_bytes = 64 * 1024;
  std::size_t websocket_max_queued_bytes = 4 * 1024 * 1024;
  // Formats the errors the server answers by itself (400, 408, 413, 431, 503): status and message
  // in, response out. Default: a text/plain body with the message.
  std::function<ServerResponse(int status, std::string_view message)> error_response;
};

// Counts the server keeps, readable from any thread.
struct HttpServerCounters {
  std::atomic<std::uint64_t> connections_accepted{0};
  std::atomic<std::uint64_t> connections_refused{0};  // over max_connections
  std::atomic<std::int64_t> connections_open{0};
  std::atomic<std::int64_t> websockets_open{0};
  std::atomic<std::uint64_t> websockets_dropped{0};  // slow clients closed with 4408
  std::atomic<std::uint64_t> protocol_errors{0};     // malformed, too large or too slow requests
};

// An HTTP/1.1 server on Boost.Beast: keep-alive, request size and time limits, an optional
// WebSocket endpoint, graceful shutdown. Requests run the handler on one of the server's threads.
class HttpServer {
 public:
  // Binds, listens and starts serving on its own threads; an error names the address when the
  // port is taken or the address is not local.
  static core::Result<std::unique_ptr<HttpServer>> start(
      HttpServerOptions options, RequestHandler handler,
      std::shared_ptr<WebSocketHandler> websockets = nullptr);
  ~HttpServer();  // stop(grace 0) when still running
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port it listens on (the chosen one when options.port was 0).
  std::uint16_t port() const;
  const HttpServerCounters& counters() const;

  // Stops accepting; lets requests in progress finish and their answers go out, closes idle
  // keep-alive connections and WebSockets (1001 going away), and returns once every connection
  // is closed or `grace` has passed (then the rest are cut).
  void stop(core::Duration grace = core::Duration::seconds(5));

  struct State;

 private:
  explicit HttpServer(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace sigtrader::net
