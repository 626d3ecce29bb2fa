#include "support/raw_http_client.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

#include <arpa/inet.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sigtrader::test_support {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

std::optional<std::string> RawResponse::header(std::string_view name) const {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  key += ": ";
  std::size_t at = 0;
  while ((at = headers.find(key, at)) != std::string::npos) {
    if (at == 0 || headers[at - 1] == '\n') {
      const std::size_t start = at + key.size();
      std::size_t end = headers.find("\r\n", start);
      return headers.substr(start, end - start);
    }
    at += key.size();
  }
  return std::nullopt;
}

struct RawHttpConnection::Impl {
  int fd = -1;
  std::chrono::milliseconds timeout;
  std::string pending;  // bytes read past the last response

  // Appends what arrives within the timeout; false on close or timeout.
  bool read_more(std::chrono::milliseconds wait) {
    pollfd poll_fd{fd, POLLIN, 0};
    if (::poll(&poll_fd, 1, static_cast<int>(wait.count())) <= 0) return false;
    char chunk[16384];
    const ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got <= 0) return false;
    pending.append(chunk, static_cast<std::size_t>(got));
    return true;
  }
};

RawHttpConnection::RawHttpConnection(std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->timeout = timeout;
  impl_->fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(impl_->fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
}

RawHttpConnection::~RawHttpConnection() {
  if (impl_->fd >= 0) ::close(impl_->fd);
}

bool RawHttpConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(impl_->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

RawResponse RawHttpConnection::read_response() {
  return read(false);
}

RawResponse RawHttpConnection::read_head_response() {
  return read(true);
}

RawResponse RawHttpConnection::read(bool head_only) {
  RawResponse response;
  const auto deadline = std::chrono::steady_clock::now() + impl_->timeout;
  const auto left = [&] {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now()));
  };
  std::size_t header_end;
  while ((header_end = impl_->pending.find("\r\n\r\n")) == std::string::npos) {
    if (!impl_->read_more(left())) {
      response.closed = true;
      return response;
    }
  }
  // Header names are case-insensitive: lower-case them (not the values) for lookups.
  std::string head = impl_->pending.substr(0, header_end + 2);
  for (std::size_t line = 0; line < head.size();) {
    const std::size_t end = head.find("\r\n", line);
    const std::size_t colon = head.find(':', line);
    for (std::size_t i = line; i < std::min(colon, end); ++i)
      head[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(head[i])));
    line = end + 2;
  }
  response.status = std::stoi(head.substr(9, 3));
  response.headers = head.substr(head.find("\r\n") + 2);
  const std::size_t length =
      head_only ? 0 : std::stoul(response.header("content-length").value_or("0"));
  const std::size_t body_start = header_end + 4;
  while (impl_->pending.size() < body_start + length) {
    if (!impl_->read_more(left())) break;
  }
  response.body = impl_->pending.substr(body_start, length);
  impl_->pending.erase(0, std::min(impl_->pending.size(), body_start + length));
  response.closed = response.header("connection") == "close";
  return response;
}

bool RawHttpConnection::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{impl_->fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (::poll(&poll_fd, 1, static_cast<int>(std::max<long>(left.count(), 1))) <= 0) continue;
    char chunk[4096];
    const ssize_t got = ::recv(impl_->fd, chunk, sizeof chunk, 0);
    if (got <= 0) return true;
  }
  return false;
}

RawResponse raw_request(std::uint16_t port, std::string_view method, std::string_view target,
                        std::string_view headers, std::string_view body) {
  RawHttpConnection connection(port);
  std::string request = std::string(method) + " " + std::string(target) +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                        std::string(headers);
  if (!body.empty()) request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n";
  request += body;
  connection.send(request);
  return connection.read_response();
}

struct TestWebSocket::Impl {
  asio::io_context io;
  websocket::stream<beast::tcp_stream> socket{io};
  beast::flat_buffer buffer;
  bool reading = false;
  bool done = false;
  beast::error_code error;
  std::optional<std::uint16_t> close_code;
};

TestWebSocket::TestWebSocket(std::uint16_t port, std::string_view path)
    : impl_(std::make_unique<Impl>()) {
  const asio::ip::tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  beast::get_lowest_layer(impl_->socket).connect(endpoint);
  impl_->socket.handshake("127.0.0.1:" + std::to_string(port), std::string(path));
}

TestWebSocket::~TestWebSocket() = default;

void TestWebSocket::send(std::string_view text) {
  impl_->socket.text(true);
  impl_->socket.write(asio::buffer(text.data(), text.size()));
}

std::optional<std::string> TestWebSocket::receive(std::chrono::milliseconds timeout) {
  if (impl_->close_code || impl_->error) return std::nullopt;
  if (!impl_->reading) {
    // One read stays outstanding across calls, so a timeout does not lose a message.
    impl_->reading = true;
    impl_->done = false;
    impl_->socket.async_read(impl_->buffer, [this](beast::error_code error, std::size_t) {
      impl_->done = true;
      impl_->error = error;
    });
  }
  impl_->io.restart();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!impl_->done && std::chrono::steady_clock::now() < deadline) {
    impl_->io.run_one_until(deadline);
  }
  if (!impl_->done) return std::nullopt;
  impl_->reading = false;
  if (impl_->error) {
    if (impl_->error == websocket::error::closed) impl_->close_code = impl_->socket.reason().code;
    return std::nullopt;
  }
  std::string text = beast::buffers_to_string(impl_->buffer.data());
  impl_->buffer.consume(impl_->buffer.size());
  return text;
}

std::optional<std::uint16_t> TestWebSocket::closed_code() const {
  return impl_->close_code;
}

}  // namespace sigtrader::test_support
