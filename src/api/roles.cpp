#include "api/roles.hpp"

#include <fmt/format.h>

namespace sigtrader::api {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kTrader:
      return "trader";
    case Role::kAdmin:
      return "admin";
  }
  return "viewer";
}

core::Result<Role> try_parse_role(std::string_view text) {
  for (const Role role : {Role::kViewer, Role::kTrader, Role::kAdmin}) {
    if (text == to_string(role)) return role;
  }
  return core::Error(core::ErrorCode::kInvalidArgument,
                     fmt::format("unknown role '{}': expected admin, trader or viewer", text));
}

}  // namespace sigtrader::api
