#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "net/http_message.hpp"

namespace sigtrader::net {

// One request as the server received it; the body is complete (within the size limit).
struct ServerRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // the target up to '?', still percent-encoded
  std::string query;   // after '?', without it; empty when there is none
  HttpHeaders headers;
  std::string body;
  std::string remote_address;  // the peer's IP address

  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

// What a handler answers. Content-Length is set by the server.
struct ServerResponse {
  int status = 200;
  HttpHeaders headers;
  std::string body;

  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Runs on a server thread for every request that is not a WebSocket upgrade; it must not block
// for long (the thread serves other connections meanwhile).
using RequestHandler = std::function<ServerResponse(const ServerRequest&)>;

// The server's side of one WebSocket. send() and close() may be called from any thread and never
// block: a message is queued for the connection's own thread.
class WebSocketConnection {
 public:
  virtual ~WebSocketConnection() = default;
  // Queues a text message. Returns false when the connection is closing, or when its queue would
  // exceed the server's limit (a client that does not keep up): that closes it with code 4408.
  virtual bool send(std::string text) = 0;
  virtual void close(std::uint16_t code, std::string reason) = 0;
  virtual std::uint64_t id() const = 0;
};

// The application's side of the WebSocket endpoint. Calls for one connection come from one
// thread at a time, in order: on_open, on_message..., on_close.
class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  // Called before an upgrade is accepted: a response refuses it (sent as plain HTTP, then the
  // connection closes), e.g. a 429 for an address over its rate limit.
  virtual std::optional<ServerResponse> admit(const ServerRequest& /*upgrade*/) {
    return std::nullopt;
  }
  virtual void on_open(const std::shared_ptr<WebSocketConnection>& connection,
                       const ServerRequest& upgrade) = 0;
  virtual void on_message(const std::shared_ptr<WebSocketConnection>& connection,
                          std::string_view text) = 0;
  virtual void on_close(const std::shared_ptr<WebSocketConnection>& connection) = 0;
};

}  // namespace sigtrader::net
