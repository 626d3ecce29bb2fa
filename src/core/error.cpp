#include "core/error.hpp"

namespace sigtrader::core {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kParse:
      return "parse_error";
    case ErrorCode::kOutOfRange:
      return "out_of_range";
    case ErrorCode::kOverflow:
      return "overflow";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kIo:
      return "io_error";
    case ErrorCode::kStorage:
      return "storage_error";
    case ErrorCode::kConfig:
      return "config_error";
    case ErrorCode::kRejected:
      return "rejected";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kTimeout:
      return "timeout";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

Error Error::with_context(std::string_view where) const {
  std::string prefixed;
  prefixed.reserve(where.size() + 2 + message_.size());
  prefixed.append(where).append(": ").append(message_);
  return Error(code_, std::move(prefixed));
}

}  // namespace sigtrader::core
