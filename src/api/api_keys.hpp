#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sigtrader::api {

// An API key as shown to its owner once: "sgt_<8 hex>_<43 base64url>". The part up to the second
// underscore is the public prefix that finds the stored row; 32 random bytes follow, so a fast
// hash (SHA-256) is enough to store it: nobody can guess the preimage of 256 random bits, unlike a
// password, which needs a slow hash.
struct NewApiKey {
  std::string key;     // the whole key; never stored, never logged
  std::string prefix;  // "sgt_3f9a1c2b"
  std::string hash;    // hex SHA-256 of `key`
};

// A fresh key from the operating system's random source (OpenSSL RAND_bytes).
core::Result<NewApiKey> generate_api_key();
// The prefix of a well-formed key; kInvalidArgument otherwise (without echoing the key).
core::Result<std::string> api_key_prefix(std::string_view key);
// The hex SHA-256 of a key, as stored.
std::string hash_api_key(std::string_view key);
// Compares in constant time, so that response timing does not reveal a hash prefix.
bool api_key_matches(std::string_view key, std::string_view stored_hash);
// api_key_matches() for a key already hashed with hash_api_key(), also in constant time.
bool api_key_hash_matches(std::string_view key_hash, std::string_view stored_hash);

}  // namespace sigtrader::api
