#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

// An HTTP/1.1 server on 127.0.0.1 for tests: an ephemeral port, its own thread, one handler
// call per request, every request recorded, and faults on demand (any status and header, a delay
// before answering, a connection closed without an answer).
namespace sigtrader::test_support {

struct FakeRequest {
  std::string method;
  std::string target;                          // as received: "/api/v3/klines?symbol=BTCUSDT"
  std::string path;                            // "/api/v3/klines"
  std::map<std::string, std::string> query;    // percent-decoded; the last value of a repeated name
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;

  // The query parameter's value, or "" when absent.
  std::string param(const std::string& name) const;
};

struct FakeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};   // wait before answering; cut short when the server stops
  bool close_without_response = false;  // drop the connection after reading the request

  static FakeResponse json(std::string body, int status = 200);
};

using FakeHandler = std::function<FakeResponse(const FakeRequest&)>;

// Serve HTTPS with this certificate chain and key (PEM files).
struct FakeTls {
  std::string certificate_file;
  std::string private_key_file;
};

// A self-signed certificate for localhost and 127.0.0.1 (EC P-256, valid two days), made with the
// openssl command line once per test process in a temporary folder.
FakeTls test_tls_files();

class FakeHttpServer {
 public:
  explicit FakeHttpServer(FakeHandler handler, std::optional<FakeTls> tls = std::nullopt);
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string base_url() const;  // "http://127.0.0.1:PORT", or https:// when serving TLS

  // Replaces the handler for the requests that follow.
  void set_handler(FakeHandler handler);
  std::vector<FakeRequest> requests() const;
  std::size_t request_count() const;

  // Stops accepting and joins the thread; a pending delay ends at once. Called by the destructor.
  void stop();

 private:
  struct Impl;
  void serve();
  template <typename Stream>
  void serve_connection(Stream& stream);

  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  bool stopping_ = false;
  FakeHandler handler_;
  std::vector<FakeRequest> requests_;
  std::thread thread_;
};

}  // namespace sigtrader::test_support
