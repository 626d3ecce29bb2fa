#pragma once

#include <string>

#include "net/http_message.hpp"

namespace sigtrader::adapters::binance {

// What a Binance error reply says, for a user: "HTTP 400, Binance error -1121: Invalid symbol."
// from a `{"code": -1121, "msg": "Invalid symbol."}` body, else the status and the start of the
// body (a proxy's HTML page, an empty body).
std::string binance_error_text(const net::HttpResponse& response);

}  // namespace sigtrader::adapters::binance
