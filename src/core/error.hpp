#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace sigtrader::core {

// What kind of expected failure happened; the edges map it to exit codes and HTTP statuses.
enum class ErrorCode {
  kInvalidArgument,  // the caller passed something malformed (bad input, bad usage)
  kParse,            // text that should hold a value does not
  kOutOfRange,       // a well-formed value outside what is allowed
  kOverflow,         // arithmetic that would not fit the fixed-point range
  kNotFound,
  kAlreadyExists,
  kIo,           // files, sockets
  kStorage,      // the database
  kConfig,       // configuration files and environment overrides
  kRejected,     // a rule (instrument filter, risk limit, exchange) said no
  kUnavailable,  // a dependency is down or busy (locked database, 5xx, 429)
  kTimeout,
  kInternal,  // a failure we could not classify; still a value, not a crash
};

std::string_view to_string(ErrorCode code);

// An expected failure with a message a user can act on: what was wrong, where, what was expected.
class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Prefixes where the failure happened: "sigtrader.toml:12: " + message.
  Error with_context(std::string_view where) const;

  bool operator==(const Error&) const = default;

 private:
  ErrorCode code_;
  std::string message_;
};

}  // namespace sigtrader::core
