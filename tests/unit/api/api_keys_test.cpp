#include "api/api_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::api {
namespace {

using ::testing::MatchesRegex;

TEST(ApiKeys, AKeyHasThePublicPrefixAndThirtyTwoRandomBytes) {
  const auto key = generate_api_key();
  ASSERT_TRUE(key.ok());
  EXPECT_THAT(key->key, MatchesRegex("sgt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}"));
  EXPECT_EQ(key->key.substr(0, 12), key->prefix);
  EXPECT_EQ(api_key_prefix(key->key).value(), key->prefix);
  EXPECT_EQ(key->hash, hash_api_key(key->key));
  EXPECT_NE(generate_api_key()->key, key->key);
}

TEST(ApiKeys, TheHashIsSha256InHex) {
  // FIPS 180-2 test vector: SHA-256("abc").
  EXPECT_EQ(hash_api_key("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ApiKeys, MatchesOnlyTheKeyItWasMadeFrom) {
  const auto key = generate_api_key();
  EXPECT_TRUE(api_key_matches(key->key, key->hash));
  std::string other = key->key;
  other.back() = other.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(api_key_matches(other, key->hash));
  EXPECT_FALSE(api_key_matches(key->key, "short"));
}

TEST(ApiKeys, AHashMatchesOnlyTheSameHash) {
  const auto key = generate_api_key();
  const auto other = generate_api_key();
  EXPECT_TRUE(api_key_hash_matches(hash_api_key(key->key), key->hash));
  EXPECT_FALSE(api_key_hash_matches(other->hash, key->hash));
  EXPECT_FALSE(api_key_hash_matches(key->hash, "short"));
  EXPECT_FALSE(api_key_hash_matches(key->hash.substr(0, 63), key->hash));
}

TEST(ApiKeys, RefusesMalformedKeysWithoutEchoingThem) {
  const std::vector<std::string> bad_keys = {"",
                                             "sgt_",
                                             "Bearer abc",
                                             "sgt_ABCDEF12_" + std::string(43, 'a'),
                                             "sgt_abcdef12_" + std::string(42, 'a'),
                                             "sgt_abcdef12_" + std::string(42, 'a') + "!"};
  for (const std::string& bad : bad_keys) {
    const auto prefix = api_key_prefix(bad);
    ASSERT_FALSE(prefix.ok()) << bad;
    if (bad.size() > 12) {  // long enough not to be a word of the message
      EXPECT_EQ(prefix.error().message().find(bad), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace sigtrader::api
