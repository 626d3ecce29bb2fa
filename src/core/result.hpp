#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace sigtrader::core {

// The value of an operation that can fail in an expected way, or the Error saying why.
// Reading value() of a failed Result is a bug and aborts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value)
      : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    SIGTRADER_ASSERT(ok(), "value() of a failed Result");
    return std::get<0>(state_);
  }
  const T& value() const& {
    SIGTRADER_ASSERT(ok(), "value() of a failed Result");
    return std::get<0>(state_);
  }
  T&& value() && {
    SIGTRADER_ASSERT(ok(), "value() of a failed Result");
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    SIGTRADER_ASSERT(!ok(), "error() of a successful Result");
    return std::get<1>(state_);
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return ok() ? std::get<0>(state_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> state_;
};

// Success or an Error, for operations without a value.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  void value() const { SIGTRADER_ASSERT(ok(), "value() of a failed Result"); }
  const Error& error() const {
    SIGTRADER_ASSERT(failed_, "error() of a successful Result");
    return error_;
  }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace sigtrader::core

#define SIGTRADER_CONCAT_INNER(a, b) a##b
#define SIGTRADER_CONCAT(a, b) SIGTRADER_CONCAT_INNER(a, b)

// Returns the Error of `expr` from the enclosing function when it failed.
#define SIGTRADER_RETURN_IF_ERROR(expr)                               \
  do {                                                                \
    if (auto&& sigtrader_status_ = (expr); !sigtrader_status_.ok()) { \
      return sigtrader_status_.error();                               \
    }                                                                 \
  } while (false)

// `SIGTRADER_TRY(auto x, try_parse(s));` declares x from a successful Result or returns its Error.
#define SIGTRADER_TRY(declaration, expr)                          \
  auto&& SIGTRADER_CONCAT(sigtrader_result_, __LINE__) = (expr);  \
  if (!SIGTRADER_CONCAT(sigtrader_result_, __LINE__).ok())        \
    return SIGTRADER_CONCAT(sigtrader_result_, __LINE__).error(); \
  declaration = std::move(SIGTRADER_CONCAT(sigtrader_result_, __LINE__)).value()
