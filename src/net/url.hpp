#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sigtrader::net {

// An absolute http:// or https:// URL split into what a request needs.
struct Url {
  std::string scheme;  // "http" or "https", lower-case
  std::string host;    // a name or an IPv4 address; IPv6 literals keep no brackets
  std::uint16_t port = 0;
  std::string target;  // path and query as sent on the request line: "/api/v3/klines?symbol=X"

  bool tls() const { return scheme == "https"; }
  // "host:port", with brackets around an IPv6 literal: the authority that error messages name.
  std::string authority() const;
};

// Parses "scheme://host[:port][/path][?query]". The port defaults to 80 or 443, the target to
// "/". User info ("user:pass@") is refused: credentials never travel in a URL here. kParse names
// what was wrong without echoing the query, which could hold secrets.
core::Result<Url> parse_url(std::string_view text);

}  // namespace sigtrader::net
