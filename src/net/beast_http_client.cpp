#include "net/beast_http_client.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

#include "net/chrono_duration.hpp"
#include "net/query_string.hpp"
#include "net/url.hpp"

namespace sigtrader::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

struct BeastHttpClient::Tls {
  ssl::context context{ssl::context::tls_client};
};

namespace {

// Names the request in every error: method, scheme, authority and path, secrets masked.
class Failure {
 public:
  Failure(const HttpRequest& request, const Url& url)
      : where_(fmt::format("{} {}://{}{}", request.method, url.scheme, url.authority(),
                           mask_secret_query(url.target))) {}

  // `limit` is the timeout that bounded the step, named when the step ran out of time.
  core::Error operator()(std::string_view step, const beast::error_code& error,
                         core::Duration limit,
                         core::ErrorCode code = core::ErrorCode::kUnavailable) const {
    if (error == beast::error::timeout || error == asio::error::timed_out) {
      return timed_out(step, limit);
    }
    return core::Error(code, fmt::format("{}: {} failed: {}", where_, step, error.message()));
  }
  core::Error timed_out(std::string_view step, core::Duration limit) const {
    return core::Error(core::ErrorCode::kTimeout,
                       fmt::format("{}: timed out {} (limit {})", where_, step, limit.to_string()));
  }

 private:
  std::string where_;
};

// Starts one asynchronous operation and runs the io_context until it completes. The stream's
// expiry (beast::tcp_stream::expires_at) bounds it: on expiry the socket closes and the operation
// ends with beast::error::timeout.
template <typename Start>
beast::error_code run_operation(asio::io_context& io, Start&& start) {
  beast::error_code result = asio::error::would_block;
  start([&result](beast::error_code error, auto&&...) { result = error; });
  io.restart();
  io.run();
  return result;
}

std::string host_header(const Url& url) {
  const bool default_port = url.port == (url.tls() ? 443 : 80);
  const std::string host =
      url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  return default_port ? host : fmt::format("{}:{}", host, url.port);
}

bool is_ip_literal(const std::string& host) {
  beast::error_code error;
  asio::ip::make_address(host, error);
  return !error;
}

template <typename Stream>
core::Result<HttpResponse> exchange(asio::io_context& io, Stream& stream,
                                    http::request<http::string_body>& request,
                                    std::uint64_t body_limit, core::Duration limit,
                                    const Failure& failure) {
  beast::error_code error =
      run_operation(io, [&](auto handler) { http::async_write(stream, request, handler); });
  if (error) return failure("sending the request", error, limit);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(body_limit);
  error =
      run_operation(io, [&](auto handler) { http::async_read(stream, buffer, parser, handler); });
  if (error == http::error::body_limit) {
    return failure("reading the response", error, limit, core::ErrorCode::kIo);
  }
  if (error) return failure("reading the response", error, limit);

  auto message = parser.release();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  return response;
}

}  // namespace

BeastHttpClient::BeastHttpClient() : BeastHttpClient(Options{}) {}
BeastHttpClient::BeastHttpClient(Options options) : options_(std::move(options)) {}
BeastHttpClient::~BeastHttpClient() = default;

core::Result<HttpResponse> BeastHttpClient::send(const HttpRequest& request) {
  SIGTRADER_TRY(const Url url, parse_url(request.url));
  const Failure failure(request, url);
  const http::verb verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("unknown HTTP method \"{}\"", request.method));
  }

  const SteadyTime deadline =
      std::chrono::steady_clock::now() + to_chrono(options_.request_timeout);
  const SteadyTime connect_deadline =
      std::min(deadline, std::chrono::steady_clock::now() + to_chrono(options_.connect_timeout));
  asio::io_context io;

  tcp::resolver resolver(io);
  tcp::resolver::results_type endpoints;
  beast::error_code error = asio::error::would_block;
  resolver.async_resolve(url.host, std::to_string(url.port),
                         [&](beast::error_code resolved, tcp::resolver::results_type results) {
                           error = resolved;
                           endpoints = std::move(results);
                         });
  io.run_until(connect_deadline);
  if (error == asio::error::would_block) {
    // getaddrinfo cannot be interrupted: a hung lookup still ends this call late, but as a
    // timeout error rather than a hang of its own.
    resolver.cancel();
    io.restart();
    io.run();
    return failure.timed_out("resolving the host", options_.connect_timeout);
  }
  if (error) return failure("resolving the host", error, options_.connect_timeout);

  http::request<http::string_body> message{verb, url.target, 11};
  message.set(http::field::host, host_header(url));
  message.set(http::field::user_agent, options_.user_agent);
  for (const auto& [name, value] : request.headers)
    message.set(name, value);
  if (!request.body.empty() || verb == http::verb::post || verb == http::verb::put) {
    message.body() = request.body;
    message.prepare_payload();
  }

  const auto connect = [&](beast::tcp_stream& tcp) -> beast::error_code {
    tcp.expires_at(connect_deadline);
    return run_operation(io, [&](auto handler) { tcp.async_connect(endpoints, handler); });
  };

  if (!url.tls()) {
    beast::tcp_stream stream(io);
    if (auto connected = connect(stream)) {
      return failure("connecting", connected, options_.connect_timeout);
    }
    stream.expires_at(deadline);
    auto response =
        exchange(io, stream, message, options_.body_limit, options_.request_timeout, failure);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return response;
  }

  if (!tls_) {
    tls_ = std::make_unique<Tls>();
    beast::error_code setup;
    if (options_.ca_file.empty()) {
      tls_->context.set_default_verify_paths(setup);
    } else {
      tls_->context.load_verify_file(options_.ca_file, setup);
    }
    if (setup) {
      tls_.reset();
      return failure("loading trusted certificates", setup, {}, core::ErrorCode::kIo);
    }
    tls_->context.set_verify_mode(ssl::verify_peer);
  }
  beast::ssl_stream<beast::tcp_stream> stream(io, tls_->context);
  // SNI carries names only (RFC 6066); the certificate must match the host either way.
  if (!is_ip_literal(url.host) &&
      SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()) != 1) {
    return failure(
        "setting the TLS server name",
        beast::error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category()), {},
        core::ErrorCode::kIo);
  }
  stream.set_verify_callback(ssl::host_name_verification(url.host));
  if (auto connected = connect(beast::get_lowest_layer(stream))) {
    return failure("connecting", connected, options_.connect_timeout);
  }
  beast::get_lowest_layer(stream).expires_at(connect_deadline);
  error = run_operation(
      io, [&](auto handler) { stream.async_handshake(ssl::stream_base::client, handler); });
  // A failed handshake is a certificate or protocol problem that a retry will not fix.
  if (error)
    return failure("the TLS handshake", error, options_.connect_timeout, core::ErrorCode::kIo);
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto response =
      exchange(io, stream, message, options_.body_limit, options_.request_timeout, failure);
  // No TLS close_notify: the reply is complete by its length, and waiting for the peer's
  // shutdown would only add a round trip.
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  return response;
}

}  // namespace sigtrader::net
