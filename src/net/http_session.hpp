#pragma once

// Internal to the HTTP server: one accepted TCP connection speaking HTTP/1.1, until it closes or
// becomes a WebSocket.

#include <cstdint>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "net/server_state.hpp"

namespace sigtrader::net {

class HttpSession : public ServerConnection, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> server);
  ~HttpSession() override;

  void start();
  void shutdown() override;

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using RequestHeader = boost::beast::http::request_header<>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  void read();
  void on_read(boost::beast::error_code error);
  void answer(Request request);
  // Writes the handler's answer; HEAD gets its headers only.
  void respond(const RequestHeader& request, ServerResponse out, bool keep_alive);
  // Refuses a request the server could not read, then closes.
  void refuse(int status, std::string_view message);
  // The response respond() and refuse() write; for HEAD, the headers of the GET without a body.
  static std::shared_ptr<Response> build_response(unsigned version, ServerResponse out,
                                                  bool keep_alive, bool head);
  void write(std::shared_ptr<Response> response);
  void close();

  std::shared_ptr<ServerShared> server_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::string remote_address_;
  std::uint64_t id_ = 0;
  bool first_request_ = true;
  bool reading_ = false;
  bool handed_over_ = false;  // the socket now belongs to a WebSocketSession
};

}  // namespace sigtrader::net
