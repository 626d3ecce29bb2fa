#include "adapters/binance/binance_error.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

namespace sigtrader::adapters::binance {

std::string binance_error_text(const net::HttpResponse& response) {
  boost::system::error_code error;
  const boost::json::value body = boost::json::parse(response.body, error);
  if (!error && body.is_object()) {
    const auto& object = body.as_object();
    const auto* msg = object.if_contains("msg");
    const auto* code = object.if_contains("code");
    if (msg != nullptr && msg->is_string()) {
      const std::string text(msg->as_string());
      if (code != nullptr && code->is_int64()) {
        return fmt::format("HTTP {}, Binance error {}: {}", response.status, code->as_int64(),
                           text);
      }
      return fmt::format("HTTP {}, Binance: {}", response.status, text);
    }
  }
  constexpr std::size_t kExcerpt = 200;
  std::string excerpt = response.body.substr(0, kExcerpt);
  for (char& c : excerpt) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (excerpt.empty()) return fmt::format("HTTP {} with an empty body", response.status);
  return fmt::format("HTTP {}: {}{}", response.status, excerpt,
                     response.body.size() > kExcerpt ? "..." : "");
}

}  // namespace sigtrader::adapters::binance
