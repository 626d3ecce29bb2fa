#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace sigtrader::bus {

// Replaces secrets with "***" before anything is written to a log or an API response.
//
// Keys are secret by core::is_secret_key_name() or by the extra names given. Inside free text,
// values after a secret key ("api_key=abc&", "\"secret\": \"abc\""), bearer tokens and Telegram
// bot tokens in URLs are masked too.
class SecretMasker {
 public:
  SecretMasker() = default;
  explicit SecretMasker(std::vector<std::string> extra_keys);

  bool is_secret_key(std::string_view key) const;
  // Masks in place: values of secret keys at any depth, and secrets inside every string.
  void mask(boost::json::value& value) const;
  std::string mask_text(std::string_view text) const;

 private:
  std::vector<std::string> extra_keys_;  // normalised like keys
};

}  // namespace sigtrader::bus
