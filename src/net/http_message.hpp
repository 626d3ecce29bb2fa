#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sigtrader::net {

// Header fields in the order sent or received; names compare case-insensitively.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The value of the first header called `name` (any case), or nullopt.
std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

// One request: an absolute URL ("https://api.binance.com/api/v3/klines?symbol=BTCUSDT").
struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;
  std::string body;
};

// What the server answered, whatever the status: deciding what a status means is the caller's.
struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
  bool success() const { return status >= 200 && status < 300; }
};

}  // namespace sigtrader::net
