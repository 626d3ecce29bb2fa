#include "api/api_response.hpp"

#include <boost/json/serialize.hpp>

namespace sigtrader::api {

net::ServerResponse json_response(int status, const boost::json::value& body) {
  net::ServerResponse response;
  response.status = status;
  response.set_header("Content-Type", "application/json");
  response.body = boost::json::serialize(body);
  return response;
}

std::string_view error_code_for(int status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 422:
      return "unprocessable";
    case 429:
      return "rate_limited";
    case 431:
      return "headers_too_large";
    case 503:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "bad_request";
  }
}

net::ServerResponse error_response(int status, std::string_view message) {
  return json_response(status,
                       boost::json::object{
                           {"error", {{"code", error_code_for(status)}, {"message", message}}},
                       });
}

int status_for(const core::Error& error) {
  switch (error.code()) {
    case core::ErrorCode::kInvalidArgument:
    case core::ErrorCode::kParse:
    case core::ErrorCode::kConfig:
      return 400;
    case core::ErrorCode::kOutOfRange:
    case core::ErrorCode::kOverflow:
      return 422;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kAlreadyExists:
    case core::ErrorCode::kRejected:
      return 409;
    case core::ErrorCode::kUnavailable:
      return 503;
    case core::ErrorCode::kTimeout:
      return 504;
    default:
      return 500;
  }
}

net::ServerResponse error_response(const core::Error& error) {
  const int status = status_for(error);
  // Internal failures keep their details in the log: they may name files or SQL.
  return error_response(status, status >= 500 && status != 503 && status != 504
                                    ? std::string_view("internal error")
                                    : std::string_view(error.message()));
}

}  // namespace sigtrader::api
