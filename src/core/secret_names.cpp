#include "core/secret_names.hpp"

#include <array>
#include <cctype>
#include <string>

namespace sigtrader::core {
namespace {

constexpr std::array<std::string_view, 10> kSecretStems = {
    "apikey",    "secret",        "password",   "passwd",     "passphrase",
    "signature", "authorization", "privatekey", "credential", "cookie"};

}  // namespace

std::string fold_key_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (unsigned char c : name) {
    if (c == '-' || c == '_') continue;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

bool is_secret_key_name(std::string_view name) {
  const std::string key = fold_key_name(name);
  if (key.empty()) return false;
  for (auto stem : kSecretStems) {
    if (key.find(stem) != std::string::npos) return true;
  }
  if (key.ends_with("token") || key == "sign") return true;
  if (name.size() > 5) {
    const auto tail = name.substr(name.size() - 5);
    if ((tail[0] == '-' || tail[0] == '_') && fold_key_name(tail.substr(1)) == "sign") return true;
  }
  return false;
}

}  // namespace sigtrader::core
