#include "net/websocket_session.hpp"

#include <chrono>
#include <string_view>
#include <utility>

#include <boost/asio/post.hpp>

namespace sigtrader::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

namespace {
// A client that does not take its messages is dropped with this code (RFC 6455 leaves 4000-4999
// to applications; 4408 echoes HTTP's 408).
constexpr std::uint16_t kTooSlow = 4408;
constexpr std::uint16_t kGoingAway = 1001;
// A close handshake that a client does not answer is cut after this.
constexpr std::chrono::seconds kCloseGrace{2};

websocket::close_reason make_reason(std::uint16_t code, const std::string& text) {
  websocket::close_reason reason(code);
  reason.reason = text;
  return reason;
}
}  // namespace

WebSocketSession::WebSocketSession(beast::tcp_stream stream, std::shared_ptr<ServerShared> server)
    : server_(std::move(server)),
      socket_(std::move(stream)),
      close_deadline_(socket_.get_executor()) {
  ++server_->counters.websockets_open;
}

WebSocketSession::~WebSocketSession() {
  --server_->counters.websockets_open;
  --server_->counters.connections_open;
  unregister();
}

void WebSocketSession::unregister() {
  if (id_ != 0) server_->remove_connection(std::exchange(id_, 0));
}

void WebSocketSession::accept(beast::http::request<beast::http::string_body> upgrade,
                              ServerRequest request) {
  id_ = server_->add_connection(shared_from_this());
  // The websocket stream keeps its own timeouts (handshake, idle with pings); the TCP stream's
  // would cut a quiet but healthy subscriber.
  beast::get_lowest_layer(socket_).expires_never();
  socket_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  socket_.read_message_max(server_->options.websocket_max_message_bytes);
  socket_.async_accept(upgrade, [self = shared_from_this(), request = std::move(request)](
                                    beast::error_code error) { self->on_accept(error, request); });
}

void WebSocketSession::on_accept(beast::error_code error, const ServerRequest& request) {
  if (error) return finish();
  opened_ = true;
  server_->websockets->on_open(shared_from_this(), request);
  if (server_->stopping) {
    close_now(kGoingAway, "server stopping");
    return;
  }
  read();
}

void WebSocketSession::read() {
  socket_.async_read(buffer_, [self = shared_from_this()](beast::error_code error, std::size_t) {
    self->on_read(error);
  });
}

void WebSocketSession::on_read(beast::error_code error) {
  if (error) return finish();
  if (!closing_) {
    // A flat_buffer holds the message in one piece: the handler reads it in place.
    const auto data = buffer_.data();
    server_->websockets->on_message(
        shared_from_this(), std::string_view(static_cast<const char*>(data.data()), data.size()));
  }
  buffer_.consume(buffer_.size());
  read();
}

bool WebSocketSession::send(std::string text) {
  if (closing_ || server_->stopped) return false;
  const std::size_t size = text.size();
  if (queued_bytes_.fetch_add(size) + size > server_->options.websocket_max_queued_bytes) {
    queued_bytes_.fetch_sub(size);
    ++server_->counters.websockets_dropped;
    close(kTooSlow, "too slow: messages are not being read");
    return false;
  }
  asio::post(socket_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
    if (self->pending_close_ || self->finished_) {
      self->queued_bytes_.fetch_sub(text.size());
      return;
    }
    self->queue_.push_back(std::move(text));
    if (!self->writing_) self->write();
  });
  return true;
}

void WebSocketSession::write() {
  writing_ = true;
  socket_.text(true);
  socket_.async_write(
      asio::buffer(queue_.front()),
      [self = shared_from_this()](beast::error_code error, std::size_t) { self->on_write(error); });
}

void WebSocketSession::on_write(beast::error_code error) {
  writing_ = false;
  queued_bytes_.fetch_sub(queue_.front().size());
  queue_.pop_front();
  if (error) return finish();
  if (pending_close_) {
    const websocket::close_reason reason = *pending_close_;
    close_now(reason.code, std::string(reason.reason.c_str()));
    return;
  }
  if (!queue_.empty()) write();
}

void WebSocketSession::close(std::uint16_t code, std::string reason) {
  if (closing_.exchange(true) || server_->stopped) return;
  asio::post(socket_.get_executor(),
             [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
               self->close_now(code, std::move(reason));
             });
}

void WebSocketSession::close_now(std::uint16_t code, std::string reason) {
  closing_ = true;
  if (finished_) return;
  // Messages not yet started are dropped: the client is leaving or too slow to take them.
  while (queue_.size() > (writing_ ? 1U : 0U)) {
    queued_bytes_.fetch_sub(queue_.back().size());
    queue_.pop_back();
  }
  close_deadline_.expires_after(kCloseGrace);
  close_deadline_.async_wait([self = shared_from_this()](beast::error_code error) {
    if (!error) beast::get_lowest_layer(self->socket_).close();
  });
  if (writing_) {
    // One write at a time: the close frame goes after the message in flight.
    pending_close_ = make_reason(code, reason);
    return;
  }
  pending_close_.reset();
  socket_.async_close(make_reason(code, reason), [self = shared_from_this()](beast::error_code) {
    // The read loop ends with the closed stream and calls finish().
    self->close_deadline_.cancel();
  });
}

void WebSocketSession::shutdown() {
  close(kGoingAway, "server stopping");
}

void WebSocketSession::finish() {
  if (finished_) return;
  finished_ = true;
  closing_ = true;
  close_deadline_.cancel();
  beast::error_code ignored;
  beast::get_lowest_layer(socket_).socket().close(ignored);
  if (opened_) server_->websockets->on_close(shared_from_this());
  // Closed: a subscriber that still holds the connection must not keep a stop waiting.
  unregister();
}

}  // namespace sigtrader::net
