#pragma once

#include <string>
#include <string_view>

namespace sigtrader::ai {

// The SHA-256 digest of `bytes` as 64 lowercase hex digits (OpenSSL's EVP interface). The model
// registry records training data as "sha256:" + this.
std::string sha256_hex(std::string_view bytes);

}  // namespace sigtrader::ai
