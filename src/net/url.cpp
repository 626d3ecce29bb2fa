#include "net/url.hpp"

#include <cctype>

#include <fmt/format.h>

namespace sigtrader::net {

namespace {

core::Error bad_url(std::string_view why) {
  return core::Error(core::ErrorCode::kParse, fmt::format("invalid URL: {}", why));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

core::Result<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return bad_url("the port must be 1 to 65535");
  std::uint32_t port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return bad_url("the port must be 1 to 65535");
    port = port * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return bad_url("the port must be 1 to 65535");
  return static_cast<std::uint16_t>(port);
}

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

}  // namespace

std::string Url::authority() const {
  if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
  return fmt::format("{}:{}", host, port);
}

core::Result<Url> parse_url(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad_url("expected http://HOST or https://HOST");
  Url url;
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return bad_url(fmt::format("scheme \"{}\" is not http or https", url.scheme));
  }
  std::string_view rest = text.substr(scheme_end + 3);
  const std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return bad_url("user info (user:password@) is not allowed in a URL");
  }

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad_url("unclosed '[' in an IPv6 host");
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url("unexpected text after the IPv6 host");
      port_text = after.substr(1);
      if (port_text.empty()) return bad_url("the port must be 1 to 65535");
    }
  } else {
    const std::size_t colon = authority.find(':');
    url.host = lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return bad_url("the port must be 1 to 65535");
    }
    for (const char c : url.host) {
      if (!valid_host_char(c))
        return bad_url(fmt::format("host \"{}\" has a bad character", url.host));
    }
  }
  if (url.host.empty()) return bad_url("the host is missing");

  if (port_text.empty()) {
    url.port = url.tls() ? 443 : 80;
  } else {
    SIGTRADER_TRY(url.port, parse_port(port_text));
  }

  // A fragment never goes to the server.
  target = target.substr(0, target.find('#'));
  if (target.empty() || target.front() == '?') {
    url.target = "/" + std::string(target);
  } else {
    url.target = std::string(target);
  }
  for (const char c : url.target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad_url("the path or query holds a space or control character; percent-encode it");
    }
  }
  return url;
}

}  // namespace sigtrader::net
