#pragma once

// Test clients that speak to a server on 127.0.0.1 byte by byte: raw HTTP (to send malformed,
// partial or oversized requests) and a WebSocket client, all with bounded waits.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace sigtrader::test_support {

// A parsed HTTP response; status 0 when the server closed without answering.
struct RawResponse {
  int status = 0;
  std::string headers;  // the header block as received, lower-cased
  std::string body;
  bool closed = false;  // the server closed the connection after it

  std::optional<std::string> header(std::string_view name) const;
};

// One TCP connection to 127.0.0.1:port.
class RawHttpConnection {
 public:
  explicit RawHttpConnection(std::uint16_t port,
                             std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~RawHttpConnection();
  RawHttpConnection(const RawHttpConnection&) = delete;
  RawHttpConnection& operator=(const RawHttpConnection&) = delete;

  // Writes the bytes as they are; false when the server has closed the connection.
  bool send(std::string_view bytes);
  // Reads one response (by Content-Length); status 0 when the connection closed first.
  RawResponse read_response();
  // Reads the answer to a HEAD request: headers only, whatever Content-Length says.
  RawResponse read_head_response();
  // True when the server closes the connection within the timeout (reads and drops any bytes).
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  RawResponse read(bool head_only);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection: method, target, headers (each "Name: value\r\n"), body.
RawResponse raw_request(std::uint16_t port, std::string_view method, std::string_view target,
                        std::string_view headers = {}, std::string_view body = {});

// A WebSocket client (Boost.Beast, synchronous, with a receive timeout on the socket).
class TestWebSocket {
 public:
  TestWebSocket(std::uint16_t port, std::string_view path);
  ~TestWebSocket();
  TestWebSocket(const TestWebSocket&) = delete;
  TestWebSocket& operator=(const TestWebSocket&) = delete;

  void send(std::string_view text);
  // The next text message, or nullopt on timeout or close (then closed_code() says why).
  std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  std::optional<std::uint16_t> closed_code() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sigtrader::test_support
