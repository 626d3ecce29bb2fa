#pragma once

// Internal to the HTTP server: one accepted WebSocket (see WebSocketConnection).

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "net/server_state.hpp"

namespace sigtrader::net {

class WebSocketSession : public ServerConnection,
                         public WebSocketConnection,
                         public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(boost::beast::tcp_stream stream, std::shared_ptr<ServerShared> server);
  ~WebSocketSession() override;

  // Completes the handshake for `upgrade` and starts reading.
  void accept(boost::beast::http::request<boost::beast::http::string_body> upgrade,
              ServerRequest request);

  bool send(std::string text) override;
  void close(std::uint16_t code, std::string reason) override;
  std::uint64_t id() const override { return id_; }
  void shutdown() override;
  void abandon() override { finish(); }

 private:
  void on_accept(boost::beast::error_code error, const ServerRequest& request);
  void read();
  void on_read(boost::beast::error_code error);
  void write();
  void on_write(boost::beast::error_code error);
  // Runs on the connection's strand.
  void close_now(std::uint16_t code, std::string reason);
  void finish();
  void unregister();

  std::shared_ptr<ServerShared> server_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> socket_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer close_deadline_;
  std::deque<std::string> queue_;  // front: being written
  std::atomic<std::size_t> queued_bytes_{0};
  std::atomic<bool> closing_{false};
  bool writing_ = false;
  bool opened_ = false;
  bool finished_ = false;
  std::optional<boost::beast::websocket::close_reason> pending_close_;
  std::uint64_t id_ = 0;
};

}  // namespace sigtrader::net
