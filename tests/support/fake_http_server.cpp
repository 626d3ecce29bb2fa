#include "support/fake_http_server.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <stdlib.h>

#include "net/query_string.hpp"

namespace sigtrader::test_support {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

FakeRequest to_fake_request(const http::request<http::string_body>& message) {
  FakeRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const std::size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) {
    std::string_view query = std::string_view(request.target).substr(question + 1);
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const std::size_t equals = pair.find('=');
      request.query[net::percent_decode(pair.substr(0, equals), true)] =
          equals == std::string_view::npos ? ""
                                           : net::percent_decode(pair.substr(equals + 1), true);
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[name] = std::string(field.value());
  }
  request.body = message.body();
  return request;
}

}  // namespace

std::string FakeRequest::param(const std::string& name) const {
  const auto found = query.find(name);
  return found == query.end() ? std::string() : found->second;
}

FakeResponse FakeResponse::json(std::string body, int status) {
  FakeResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json;charset=UTF-8");
  response.body = std::move(body);
  return response;
}

FakeTls test_tls_files() {
  // Made fresh once per test process, so no private key (however worthless) lives in the repo.
  static const FakeTls files = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sigtrader-tls-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    const std::string dir = pattern;
    const std::string command = fmt::format(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 2 -nodes "
        "-subj '/CN=sigtrader test server' -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' "
        "-keyout '{0}/key.pem' -out '{0}/cert.pem' >/dev/null 2>&1",
        dir);
    if (std::system(command.c_str()) != 0) {
      throw std::runtime_error("could not make a test certificate with `openssl req`");
    }
    return FakeTls{dir + "/cert.pem", dir + "/key.pem"};
  }();
  return files;
}

struct FakeHttpServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::optional<asio::ssl::context> tls;
};

FakeHttpServer::FakeHttpServer(FakeHandler handler, std::optional<FakeTls> tls)
    : impl_(std::make_unique<Impl>()), handler_(std::move(handler)) {
  if (tls) {
    impl_->tls.emplace(asio::ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(tls->certificate_file);
    impl_->tls->use_private_key_file(tls->private_key_file, asio::ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { serve(); });
}

FakeHttpServer::~FakeHttpServer() {
  stop();
}

std::string FakeHttpServer::base_url() const {
  return fmt::format("{}://127.0.0.1:{}", impl_->tls ? "https" : "http", port_);
}

void FakeHttpServer::set_handler(FakeHandler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

std::vector<FakeRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::size_t FakeHttpServer::request_count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

void FakeHttpServer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  stopped_.notify_all();
  // A blocking accept() only returns for a connection: make one, so the thread sees stopping_.
  asio::io_context io;
  tcp::socket wake(io);
  boost::system::error_code ignored;
  wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
  thread_.join();
}

template <typename Stream>
void FakeHttpServer::serve_connection(Stream& stream) {
  boost::system::error_code error;
  beast::flat_buffer buffer;
  while (true) {
    http::request<http::string_body> message;
    http::read(stream, buffer, message, error);
    if (error) break;
    FakeRequest request = to_fake_request(message);
    FakeHandler handler;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      handler = handler_;
    }
    const FakeResponse answer = handler(request);
    if (answer.delay.count() > 0) {
      std::unique_lock lock(mutex_);
      stopped_.wait_for(lock, answer.delay, [this] { return stopping_; });
      if (stopping_) return;
    }
    if (answer.close_without_response) break;

    http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                               message.version()};
    for (const auto& [name, value] : answer.headers)
      response.set(name, value);
    response.body() = answer.body;
    response.prepare_payload();
    response.keep_alive(message.keep_alive());
    http::write(stream, response, error);
    if (error || !message.keep_alive()) break;
  }
}

void FakeHttpServer::serve() {
  while (true) {
    tcp::socket socket(impl_->io);
    boost::system::error_code error;
    impl_->acceptor.accept(socket, error);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (error) continue;

    if (impl_->tls) {
      asio::ssl::stream<tcp::socket&> stream(socket, *impl_->tls);
      stream.handshake(asio::ssl::stream_base::server, error);
      // A client that refuses the certificate ends here; that is its test, not a server fault.
      if (!error) serve_connection(stream);
    } else {
      serve_connection(socket);
    }
    socket.shutdown(tcp::socket::shutdown_both, error);
    socket.close(error);
  }
}

}  // namespace sigtrader::test_support
