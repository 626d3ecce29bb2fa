#include "net/http_session.hpp"

#include <exception>
#include <string>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "net/chrono_duration.hpp"
#include "net/websocket_session.hpp"

namespace sigtrader::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// The request as a handler sees it; `body` is passed apart so that a caller may move it.
ServerRequest to_server_request(const http::request_header<>& request, std::string body,
                                const std::string& remote_address) {
  ServerRequest out;
  out.method = std::string(request.method_string());
  out.target = std::string(request.target());
  const std::size_t question = out.target.find('?');
  out.path = out.target.substr(0, question);
  if (question != std::string::npos) out.query = out.target.substr(question + 1);
  for (const auto& field : request) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(body);
  out.remote_address = remote_address;
  return out;
}

}  // namespace

HttpSession::HttpSession(asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> server)
    : server_(std::move(server)), stream_(std::move(socket)) {
  beast::error_code error;
  const auto endpoint = stream_.socket().remote_endpoint(error);
  if (!error) remote_address_ = endpoint.address().to_string();
}

HttpSession::~HttpSession() {
  if (!handed_over_) --server_->counters.connections_open;
  if (id_ != 0) server_->remove_connection(id_);
}

void HttpSession::start() {
  id_ = server_->add_connection(shared_from_this());
  // Connections start on the acceptor's thread; move onto the session's strand.
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
}

void HttpSession::shutdown() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    // Waiting for a next request: nothing is in progress, so close now. A request being answered
    // closes after its response (read() sees stopping).
    if (self->reading_) self->close();
  });
}

void HttpSession::read() {
  if (server_->stopping) return close();
  parser_.emplace();
  parser_->body_limit(server_->options.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header_bytes));
  // One deadline for the whole request: trickled bytes do not extend it.
  stream_.expires_after(
      to_chrono(first_request_ ? server_->options.request_timeout : server_->options.idle_timeout));
  reading_ = true;
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_read(error); });
}

void HttpSession::on_read(beast::error_code error) {
  reading_ = false;
  first_request_ = false;
  if (error == http::error::end_of_stream || error == asio::error::operation_aborted ||
      error == asio::error::connection_reset || error == asio::error::eof) {
    return close();
  }
  if (error == beast::error::timeout) {
    // The stream closed the socket on expiry; a partial request counts as a slow client.
    if (parser_->got_some()) ++server_->counters.protocol_errors;
    return;
  }
  if (error == http::error::body_limit) {
    return refuse(413, fmt::format("the request body is larger than {} bytes",
                                   server_->options.max_body_bytes));
  }
  if (error == http::error::header_limit) {
    return refuse(431, fmt::format("the request header is larger than {} bytes",
                                   server_->options.max_header_bytes));
  }
  if (error) {
    if (!parser_->got_some()) return close();
    return refuse(400, fmt::format("malformed HTTP request: {}", error.message()));
  }
  Request request = parser_->release();
  if (beast::websocket::is_upgrade(request)) {
    const ServerRequest upgrade = to_server_request(request, request.body(), remote_address_);
    if (server_->websockets && !server_->options.websocket_path.empty() &&
        upgrade.path == server_->options.websocket_path) {
      if (auto refusal = server_->websockets->admit(upgrade)) {
        return respond(request, std::move(*refusal), false);
      }
      handed_over_ = true;
      auto session = std::make_shared<WebSocketSession>(std::move(stream_), server_);
      session->accept(std::move(request), upgrade);
      return;
    }
  }
  answer(std::move(request));
}

void HttpSession::answer(Request request) {
  // The body (up to max_body_bytes) moves to the handler; respond() needs only the header.
  const ServerRequest in = to_server_request(request, std::move(request.body()), remote_address_);
  ServerResponse out;
  try {
    out = server_->handler(in);
  } catch (const std::exception& failure) {
    // A handler bug must not take the server down; the client gets a 500 and the log the cause.
    spdlog::error("http: {} {}: the handler threw: {}", in.method, in.path, failure.what());
    out = server_->error_response(500, "internal error");
  }
  respond(request, std::move(out), request.keep_alive());
}

void HttpSession::respond(const RequestHeader& request, ServerResponse out, bool keep_alive) {
  write(build_response(request.version(), std::move(out), keep_alive && !server_->stopping,
                       request.method() == http::verb::head));
}

void HttpSession::refuse(int status, std::string_view message) {
  ++server_->counters.protocol_errors;
  write(build_response(11, server_->error_response(status, message), false, false));
}

std::shared_ptr<HttpSession::Response> HttpSession::build_response(unsigned version,
                                                                   ServerResponse out,
                                                                   bool keep_alive, bool head) {
  auto response = std::make_shared<Response>();
  response->version(version);
  response->result(static_cast<unsigned>(out.status));
  for (auto& [name, value] : out.headers)
    response->set(name, value);
  response->keep_alive(keep_alive);
  if (head) {
    // The headers of the GET, Content-Length included, and no body (RFC 9110 9.3.2).
    response->content_length(out.body.size());
  } else {
    response->body() = std::move(out.body);
    response->prepare_payload();
  }
  return response;
}

void HttpSession::write(std::shared_ptr<Response> response) {
  stream_.expires_after(to_chrono(server_->options.request_timeout));
  const bool keep_alive = response->keep_alive();
  http::async_write(
      stream_, *response,
      [self = shared_from_this(), response, keep_alive](beast::error_code error, std::size_t) {
        if (error || !keep_alive) return self->close();
        self->read();
      });
}

void HttpSession::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.socket().close(ignored);
}

}  // namespace sigtrader::net
