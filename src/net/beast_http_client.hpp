#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/time.hpp"
#include "net/http_client.hpp"

namespace sigtrader::net {

// A synchronous HTTP/1.1 client on Boost.Beast: one connection per request, http:// or https://
// (TLS with SNI and peer verification against the system CA store, or `ca_file` when given).
class BeastHttpClient final : public HttpClient {
 public:
  struct Options {
    core::Duration connect_timeout = core::Duration::seconds(10);  // DNS + TCP + TLS handshake
    core::Duration request_timeout =
        core::Duration::seconds(30);        // the whole request, connect included
    std::uint64_t body_limit = 64U << 20U;  // a larger reply is an error, not an allocation spike
    std::string user_agent = "sigtrader";
    std::string ca_file;  // PEM bundle to trust instead of the system store (private CAs, tests)
  };

  BeastHttpClient();
  explicit BeastHttpClient(Options options);
  ~BeastHttpClient() override;
  BeastHttpClient(const BeastHttpClient&) = delete;
  BeastHttpClient& operator=(const BeastHttpClient&) = delete;

  core::Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  struct Tls;
  Options options_;
  std::unique_ptr<Tls> tls_;  // built on the first https:// request
};

}  // namespace sigtrader::net
