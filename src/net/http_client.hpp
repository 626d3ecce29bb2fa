#pragma once

#include <string>
#include <utility>

#include "core/result.hpp"
#include "net/http_message.hpp"

namespace sigtrader::net {

// Sends one HTTP request and returns the server's response, whatever its status. An Error means
// no response arrived (bad URL, DNS, connect, TLS, timeout, broken reply); its message names the
// method, host and path, with secret query values masked.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual core::Result<HttpResponse> send(const HttpRequest& request) = 0;

  core::Result<HttpResponse> get(std::string url, HttpHeaders headers = {}) {
    return send(HttpRequest{"GET", std::move(url), std::move(headers), {}});
  }
};

}  // namespace sigtrader::net
