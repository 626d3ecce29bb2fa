#include "net/http_message.hpp"

#include <cctype>

namespace sigtrader::net {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [field, value] : headers) {
    if (field.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(field[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return value;
  }
  return std::nullopt;
}

}  // namespace sigtrader::net
