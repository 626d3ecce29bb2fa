#include "net/http_server.hpp"

#include <chrono>
#include <utility>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <fmt/format.h>

#include "net/chrono_duration.hpp"
#include "net/http_session.hpp"
#include "net/server_state.hpp"

namespace sigtrader::net {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using core::Error;
using core::ErrorCode;

ServerResponse ServerShared::error_response(int status, std::string_view message) const {
  if (options.error_response) return options.error_response(status, message);
  ServerResponse response;
  response.status = status;
  response.set_header("Content-Type", "text/plain; charset=utf-8");
  response.body = std::string(message) + "\n";
  return response;
}

namespace {

void accept_next(HttpServer::State& state) {
  // Each connection gets its own strand, so its handlers never run concurrently.
  state.acceptor.async_accept(
      asio::make_strand(state.io), [&state](boost::system::error_code error, tcp::socket socket) {
        if (error) {
          if (!state.acceptor.is_open()) return;  // stopped
          // Out of descriptors (EMFILE) and the like: accepting again at once would spin; wait
          // for connections to close.
          state.accept_backoff.expires_after(std::chrono::milliseconds(50));
          state.accept_backoff.async_wait([&state](boost::system::error_code) {
            if (state.acceptor.is_open()) accept_next(state);
          });
          return;
        }
        ServerShared& shared = *state.shared;
        ++shared.counters.connections_accepted;
        if (shared.stopping || shared.counters.connections_open.load() >=
                                   static_cast<std::int64_t>(shared.options.max_connections)) {
          ++shared.counters.connections_refused;
          boost::system::error_code ignored;
          socket.close(ignored);
        } else {
          ++shared.counters.connections_open;
          std::make_shared<HttpSession>(std::move(socket), state.shared)->start();
        }
        accept_next(state);
      });
}

}  // namespace

HttpServer::HttpServer(std::shared_ptr<State> state) : state_(std::move(state)) {}

core::Result<std::unique_ptr<HttpServer>> HttpServer::start(
    HttpServerOptions options, RequestHandler handler,
    std::shared_ptr<WebSocketHandler> websockets) {
  if (options.threads < 1) {
    return Error(ErrorCode::kInvalidArgument, "the server needs at least one thread");
  }
  auto state = std::make_shared<State>();
  state->shared =
      std::make_shared<ServerShared>(std::move(options), std::move(handler), std::move(websockets));
  const HttpServerOptions& opts = state->shared->options;
  boost::system::error_code error;
  const asio::ip::address address = asio::ip::make_address(opts.address, error);
  if (error) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("'{}' is not an IP address to listen on", opts.address));
  }
  const tcp::endpoint endpoint(address, opts.port);
  const auto where = [&] { return fmt::format("{}:{}", opts.address, opts.port); };
  state->acceptor.open(endpoint.protocol(), error);
  if (!error) state->acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) state->acceptor.bind(endpoint, error);
  if (!error) state->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return Error(ErrorCode::kUnavailable,
                 fmt::format("cannot listen on {}: {}", where(), error.message()));
  }
  accept_next(*state);
  for (int i = 0; i < opts.threads; ++i) {
    state->threads.emplace_back([&io = state->io] { io.run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(state)));
}

HttpServer::~HttpServer() {
  stop(core::Duration::nanoseconds(0));
}

std::uint16_t HttpServer::port() const {
  boost::system::error_code error;
  const auto endpoint = state_->acceptor.local_endpoint(error);
  return error ? 0 : endpoint.port();
}

const HttpServerCounters& HttpServer::counters() const {
  return state_->shared->counters;
}

void HttpServer::stop(core::Duration grace) {
  State& state = *state_;
  if (state.threads.empty()) return;
  ServerShared& shared = *state.shared;
  shared.stopping = true;
  asio::post(state.io, [&state] {
    boost::system::error_code ignored;
    state.acceptor.close(ignored);
    state.accept_backoff.cancel();
  });
  // Called outside the lock: a connection unregisters itself as it closes.
  const auto live_connections = [&shared] {
    std::vector<std::shared_ptr<ServerConnection>> live;
    const std::lock_guard lock(shared.connections_mutex);
    for (const auto& [id, weak] : shared.connections) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
    return live;
  };
  for (const auto& connection : live_connections())
    connection->shutdown();
  {
    std::unique_lock lock(shared.connections_mutex);
    shared.connections_closed.wait_for(lock, to_chrono(grace),
                                       [&shared] { return shared.connections.empty(); });
  }
  state.io.stop();
  for (std::thread& thread : state.threads)
    thread.join();
  state.threads.clear();
  // A connection someone outside still holds (a WebSocket subscriber) must not post to the
  // io_context once it is gone.
  shared.stopped = true;
  // Those that did not close within the grace are closed here, on this thread now that the
  // server's have ended; their handler's on_close lets go of them before the io_context goes.
  for (const auto& connection : live_connections())
    connection->abandon();
  // Connections a handler outside still holds keep `shared` alive; without its handlers they no
  // longer keep the application's objects alive in turn.
  shared.handler = nullptr;
  shared.websockets.reset();
}

}  // namespace sigtrader::net
