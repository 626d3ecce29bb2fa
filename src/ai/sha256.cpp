#include "ai/sha256.hpp"

#include <openssl/evp.h>

#include "core/assert.hpp"

namespace sigtrader::ai {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  // EVP_Digest only fails when libcrypto itself is broken (no memory, no SHA-256): a bug, not an
  // input error.
  const int ok = EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  SIGTRADER_ASSERT(ok == 1 && length == 32, "OpenSSL could not compute a SHA-256 digest");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0F]);
  }
  return hex;
}

}  // namespace sigtrader::ai
