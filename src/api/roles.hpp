#pragma once

#include <string_view>

#include "core/result.hpp"

namespace sigtrader::api {

// What a user may do through the API: a viewer reads, a trader also acts on orders, positions,
// signals, labels and backtests, an admin also changes the risk policy and resumes the breaker.
enum class Role { kViewer = 0, kTrader = 1, kAdmin = 2 };

std::string_view to_string(Role role);
core::Result<Role> try_parse_role(std::string_view text);
// True when `role` may do what `needed` may.
inline bool allows(Role role, Role needed) {
  return static_cast<int>(role) >= static_cast<int>(needed);
}

}  // namespace sigtrader::api
