#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sigtrader::net {

// Query parameters in the order they are sent (signatures are over the exact bytes).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - . _ ~).
std::string percent_encode(std::string_view text);
// %XX decoded (malformed escapes kept as written); with `plus_is_space`, '+' is a space as in
// form-encoded query strings. Used so that "api%5Fkey" is recognised as the secret name it is.
std::string percent_decode(std::string_view text, bool plus_is_space = false);

// "a=1&b=x%2Fy": names and values percent-encoded, joined in order; empty for no parameters.
std::string build_query(const QueryParams& params);

// A request target safe to print: the value of every query parameter whose name looks secret
// (core::is_secret_key_name: signature, apiKey, token, ...) becomes "***".
std::string mask_secret_query(std::string_view target);

}  // namespace sigtrader::net
