// HttpServer on a real socket: keep-alive, limits, slow and malformed clients, WebSockets and
// graceful shutdown, driven by raw clients so that every byte on the wire is the test's choice.
#include "net/http_server.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/raw_http_client.hpp"

namespace sigtrader::net {
namespace {

using test_support::raw_request;
using test_support::RawHttpConnection;
using test_support::TestWebSocket;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

ServerResponse echo(const ServerRequest& request) {
  ServerResponse response;
  response.set_header("Content-Type", "text/plain");
  response.body = request.method + " " + request.path + " ?" + request.query + " " + request.body;
  return response;
}

std::unique_ptr<HttpServer> start_server(HttpServerOptions options = {},
                                         RequestHandler handler = echo,
                                         std::shared_ptr<WebSocketHandler> websockets = nullptr) {
  auto server = HttpServer::start(std::move(options), std::move(handler), std::move(websockets));
  EXPECT_TRUE(server.ok()) << server.error().message();
  return std::move(*server);
}

TEST(HttpServer, AnswersSeveralRequestsOnOneKeepAliveConnection) {
  auto server = start_server();
  RawHttpConnection connection(server->port());
  for (int i = 0; i < 3; ++i) {
    connection.send("GET /a/b?x=1 HTTP/1.1\r\nHost: t\r\n\r\n");
    const auto response = connection.read_response();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "GET /a/b ?x=1 ");
    EXPECT_FALSE(response.closed);
  }
  connection.send("POST /p HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(connection.read_response().body, "POST /p ? hello");
  EXPECT_EQ(server->counters().connections_accepted.load(), 1U);
}

TEST(HttpServer, AnswersHeadWithTheHeadersOfGetAndNoBody) {
  auto server = start_server();
  RawHttpConnection connection(server->port());
  connection.send("HEAD /a HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto head = connection.read_head_response();
  EXPECT_EQ(head.status, 200);
  // What a GET of /a would carry: "HEAD /a ? " is 10 bytes.
  EXPECT_EQ(head.header("content-length"), "10");
  EXPECT_EQ(head.header("content-type"), "text/plain");
  // Had a body followed, this response would start with its bytes.
  connection.send("GET /b HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto get = connection.read_response();
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.body, "GET /b ? ");
}

TEST(HttpServer, RefusesABodyOverTheLimitWith413AndKeepsServing) {
  HttpServerOptions options;
  options.max_body_bytes = 100;
  auto server = start_server(options);
  const auto response = raw_request(server->port(), "POST", "/upload", "", std::string(101, 'x'));
  EXPECT_EQ(response.status, 413);
  EXPECT_THAT(response.body, HasSubstr("larger than 100 bytes"));
  EXPECT_EQ(raw_request(server->port(), "POST", "/upload", "", std::string(100, 'x')).status, 200);
}

TEST(HttpServer, RefusesAHeaderOverTheLimitWith431) {
  HttpServerOptions options;
  options.max_header_bytes = 1024;
  auto server = start_server(options);
  const auto response =
      raw_request(server->port(), "GET", "/", "X-Big: " + std::string(2000, 'a') + "\r\n");
  EXPECT_EQ(response.status, 431);
  EXPECT_EQ(raw_request(server->port(), "GET", "/").status, 200);
}

TEST(HttpServer, RefusesAMalformedRequestWith400AndCloses) {
  auto server = start_server();
  RawHttpConnection connection(server->port());
  connection.send("GET / HTTP/1.1\r\nHost t\r\nBroken header\r\n\r\n");
  const auto response = connection.read_response();
  EXPECT_EQ(response.status, 400);
  EXPECT_THAT(response.body, HasSubstr("malformed HTTP request"));
  EXPECT_TRUE(connection.wait_closed(2s));
  EXPECT_EQ(raw_request(server->port(), "GET", "/").status, 200);
}

TEST(HttpServer, UsesTheConfiguredErrorFormat) {
  HttpServerOptions options;
  options.max_body_bytes = 1;
  options.error_response = [](int status, std::string_view message) {
    ServerResponse response;
    response.status = status;
    response.body = "{\"error\":\"" + std::string(message) + "\"}";
    return response;
  };
  auto server = start_server(options);
  const auto response = raw_request(server->port(), "POST", "/", "", "ab");
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.body, "{\"error\":\"the request body is larger than 1 bytes\"}");
}

TEST(HttpServer, CutsAClientThatTricklesItsRequestAtTheRequestDeadline) {
  HttpServerOptions options;
  options.request_timeout = core::Duration::milliseconds(300);
  auto server = start_server(options);
  RawHttpConnection slow(server->port());
  const auto started = std::chrono::steady_clock::now();
  // A byte every 100 ms: each arrives before any per-read timeout would fire, but the whole
  // request never completes.
  bool closed = false;
  for (int i = 0; i < 30 && !closed; ++i) {
    closed = !slow.send("G") || slow.wait_closed(100ms);
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
  // Meanwhile and after, others are served.
  EXPECT_EQ(raw_request(server->port(), "GET", "/").status, 200);
}

TEST(HttpServer, ClosesAnIdleKeepAliveConnection) {
  HttpServerOptions options;
  options.idle_timeout = core::Duration::milliseconds(200);
  auto server = start_server(options);
  RawHttpConnection connection(server->port());
  connection.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(connection.read_response().status, 200);
  EXPECT_TRUE(connection.wait_closed(3s));
}

TEST(HttpServer, AnswersA500WhenTheHandlerThrowsAndGoesOn) {
  auto server = start_server({}, [](const ServerRequest& request) -> ServerResponse {
    if (request.path == "/boom") throw std::runtime_error("bug");
    return echo(request);
  });
  EXPECT_EQ(raw_request(server->port(), "GET", "/boom").status, 500);
  EXPECT_EQ(raw_request(server->port(), "GET", "/fine").status, 200);
}

TEST(HttpServer, RefusesConnectionsOverTheLimit) {
  HttpServerOptions options;
  options.max_connections = 1;
  auto server = start_server(options);
  RawHttpConnection first(server->port());
  first.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(first.read_response().status, 200);
  RawHttpConnection second(server->port());
  EXPECT_TRUE(second.wait_closed(2s));
  EXPECT_EQ(server->counters().connections_refused.load(), 1U);
}

TEST(HttpServer, StopLetsARequestInProgressFinish) {
  std::atomic<bool> entered{false};
  auto server = start_server({}, [&](const ServerRequest& request) {
    entered = true;
    std::this_thread::sleep_for(300ms);
    return echo(request);
  });
  RawHttpConnection idle(server->port());
  RawHttpConnection busy(server->port());
  busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  while (!entered)
    std::this_thread::sleep_for(1ms);
  server->stop(core::Duration::seconds(5));
  const auto response = busy.read_response();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("connection"), "close");
  EXPECT_TRUE(idle.wait_closed(1s));
}

TEST(HttpServer, ReportsAPortInUse) {
  auto first = start_server();
  HttpServerOptions options;
  options.port = first->port();
  const auto second = HttpServer::start(options, echo);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(second.error().message(), HasSubstr("cannot listen on 127.0.0.1:"));
}

// Echoes messages back upper-cased, remembers what it saw.
class RecordingSockets : public WebSocketHandler {
 public:
  void on_open(const std::shared_ptr<WebSocketConnection>& connection,
               const ServerRequest& upgrade) override {
    const std::lock_guard lock(mutex_);
    connections_.push_back(connection);
    paths_.push_back(upgrade.path);
  }
  void on_message(const std::shared_ptr<WebSocketConnection>& connection,
                  std::string_view text) override {
    connection->send("echo:" + std::string(text));
  }
  void on_close(const std::shared_ptr<WebSocketConnection>& connection) override {
    ++closed_;
    const std::lock_guard lock(mutex_);
    std::erase(connections_, connection);
  }

  std::vector<std::shared_ptr<WebSocketConnection>> connections() {
    const std::lock_guard lock(mutex_);
    return connections_;
  }
  std::atomic<int> closed_{0};

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<WebSocketConnection>> connections_;
  std::vector<std::string> paths_;
};

HttpServerOptions websocket_options() {
  HttpServerOptions options;
  options.websocket_path = "/stream";
  return options;
}

TEST(HttpServer, WebSocketEchoesAndReceivesPushedMessages) {
  auto sockets = std::make_shared<RecordingSockets>();
  auto server = start_server(websocket_options(), echo, sockets);
  TestWebSocket client(server->port(), "/stream");
  client.send("hi");
  EXPECT_EQ(client.receive(), "echo:hi");
  ASSERT_EQ(sockets->connections().size(), 1U);
  EXPECT_TRUE(sockets->connections()[0]->send("pushed"));
  EXPECT_EQ(client.receive(), "pushed");
  EXPECT_EQ(server->counters().websockets_open.load(), 1);
}

TEST(HttpServer, AnUpgradeToAnotherPathIsAnsweredAsPlainHttp) {
  auto sockets = std::make_shared<RecordingSockets>();
  auto server = start_server(websocket_options(), echo, sockets);
  const auto response = raw_request(server->port(), "GET", "/other",
                                    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    "Sec-WebSocket-Version: 13\r\n");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(sockets->connections().empty());
}

TEST(HttpServer, DropsAWebSocketClientThatDoesNotReadWith4408) {
  HttpServerOptions options = websocket_options();
  options.websocket_max_queued_bytes = 64 * 1024;
  auto sockets = std::make_shared<RecordingSockets>();
  auto server = start_server(options, echo, sockets);
  TestWebSocket client(server->port(), "/stream");
  while (sockets->connections().empty())
    std::this_thread::sleep_for(1ms);
  const auto connection = sockets->connections()[0];
  // The client reads nothing: the socket buffers fill, then the queue; send() never blocks.
  const std::string chunk(16 * 1024, 'x');
  int accepted = 0;
  for (int i = 0; i < 10'000 && connection->send(chunk); ++i)
    ++accepted;
  EXPECT_LT(accepted, 10'000);
  EXPECT_EQ(server->counters().websockets_dropped.load(), 1U);
  // Draining, the client finds the close (after what was already in flight).
  std::optional<std::string> message;
  do {
    message = client.receive(3s);
  } while (message);
  EXPECT_EQ(client.closed_code(), std::optional<std::uint16_t>(4408));
}

TEST(HttpServer, StopClosesWebSocketsWithGoingAway) {
  auto sockets = std::make_shared<RecordingSockets>();
  auto server = start_server(websocket_options(), echo, sockets);
  TestWebSocket client(server->port(), "/stream");
  client.send("x");
  EXPECT_EQ(client.receive(), "echo:x");
  std::thread stopper([&] { server->stop(core::Duration::seconds(3)); });
  EXPECT_EQ(client.receive(3s), std::nullopt);
  stopper.join();
  EXPECT_EQ(client.closed_code(), std::optional<std::uint16_t>(1001));
  EXPECT_EQ(sockets->closed_.load(), 1);
}

// A handler keeps its connections until on_close; a stop that cannot wait still says goodbye to
// each, so none outlives the server's io_context (its socket and timers belong to it).
TEST(HttpServer, StopWithoutGraceStillClosesEachWebSocketForItsHandler) {
  auto sockets = std::make_shared<RecordingSockets>();
  auto server = start_server(websocket_options(), echo, sockets);
  TestWebSocket client(server->port(), "/stream");
  client.send("x");
  EXPECT_EQ(client.receive(), "echo:x");
  server->stop(core::Duration::nanoseconds(0));
  EXPECT_EQ(sockets->closed_.load(), 1);
  EXPECT_TRUE(sockets->connections().empty());
  server.reset();
}

}  // namespace
}  // namespace sigtrader::net
