#include "api/api_keys.hpp"

#include <array>
#include <cstdint>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "ai/sha256.hpp"

namespace sigtrader::api {
namespace {

constexpr std::string_view kScheme = "sgt_";
constexpr std::size_t kPrefixHex = 8;
constexpr std::size_t kSecretBytes = 32;
constexpr std::size_t kSecretChars = 43;  // base64url of 32 bytes, unpadded

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0x0f]);
  }
  return out;
}

std::string base64url(const unsigned char* bytes, std::size_t size) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3f]);
  return out;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}
bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

core::Result<NewApiKey> generate_api_key() {
  std::array<unsigned char, 4 + kSecretBytes> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return core::Error(core::ErrorCode::kInternal,
                       "the system's random source failed to produce a key");
  }
  NewApiKey out;
  out.prefix = std::string(kScheme) + hex(random.data(), 4);
  out.key = out.prefix + "_" + base64url(random.data() + 4, kSecretBytes);
  out.hash = hash_api_key(out.key);
  return out;
}

core::Result<std::string> api_key_prefix(std::string_view key) {
  const std::size_t prefix_size = kScheme.size() + kPrefixHex;
  bool ok = key.size() == prefix_size + 1 + kSecretChars && key.starts_with(kScheme) &&
            key[prefix_size] == '_';
  for (std::size_t i = kScheme.size(); ok && i < prefix_size; ++i)
    ok = is_hex(key[i]);
  for (std::size_t i = prefix_size + 1; ok && i < key.size(); ++i)
    ok = is_base64url(key[i]);
  if (!ok) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "malformed API key: expected sgt_<8 hex digits>_<43 characters>");
  }
  return std::string(key.substr(0, prefix_size));
}

std::string hash_api_key(std::string_view key) {
  return ai::sha256_hex(key);
}

bool api_key_matches(std::string_view key, std::string_view stored_hash) {
  return api_key_hash_matches(hash_api_key(key), stored_hash);
}

bool api_key_hash_matches(std::string_view key_hash, std::string_view stored_hash) {
  return key_hash.size() == stored_hash.size() &&
         CRYPTO_memcmp(key_hash.data(), stored_hash.data(), key_hash.size()) == 0;
}

}  // namespace sigtrader::api
