#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "core/error.hpp"
#include "net/server_types.hpp"

namespace sigtrader::api {

// A JSON answer with the given status.
net::ServerResponse json_response(int status, const boost::json::value& body);

// The API's error shape: {"error": {"code": "<snake_case>", "message": "..."}}. `code` is derived
// from the status (400 bad_request, 401 unauthorized, ..., see docs/api.md).
net::ServerResponse error_response(int status, std::string_view message);
std::string_view error_code_for(int status);

// The HTTP status an expected failure maps to (kNotFound 404, kInvalidArgument/kParse 400,
// kRejected 409, kUnavailable 503, ...).
int status_for(const core::Error& error);
net::ServerResponse error_response(const core::Error& error);

}  // namespace sigtrader::api
