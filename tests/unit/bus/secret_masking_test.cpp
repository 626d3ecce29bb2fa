#include "bus/secret_masking.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace sigtrader::bus {
namespace {

TEST(SecretMasker, RecognisesSecretKeyNamesButNotLookAlikes) {
  SecretMasker masker;
  for (const char* key : {"api_key", "apiKey", "X-MBX-APIKEY", "secret", "api_secret", "password",
                          "bot_token", "token", "signature", "X-BAPI-SIGN", "Authorization",
                          "private_key", "passphrase", "Cookie"}) {
    EXPECT_TRUE(masker.is_secret_key(key)) << key;
  }
  for (const char* key : {"signal", "max_tokens", "symbol", "side", "tokens_used", "design"}) {
    EXPECT_FALSE(masker.is_secret_key(key)) << key;
  }
}

TEST(SecretMasker, MasksNestedJsonValuesOfSecretKeys) {
  SecretMasker masker;
  auto value = boost::json::parse(
      R"({"user":"ann","exchange":{"api_key":"K","secret":"S","list":[{"token":"T"}]},"n":1})");
  masker.mask(value);
  EXPECT_EQ(
      boost::json::serialize(value),
      R"({"user":"ann","exchange":{"api_key":"***","secret":"***","list":[{"token":"***"}]},"n":1})");
}

TEST(SecretMasker, MasksSecretsInsideFreeText) {
  SecretMasker masker;
  EXPECT_EQ(masker.mask_text("a=1&signature=abc123&b=2"), "a=1&signature=***&b=2");
  EXPECT_EQ(masker.mask_text("Authorization: Bearer xyz.abc"), "Authorization: Bearer ***");
  EXPECT_EQ(masker.mask_text("header Bearer xyz"), "header Bearer ***");
  EXPECT_EQ(masker.mask_text(R"({"apiSecret": "q"})"), R"({"apiSecret": "***"})");
  EXPECT_EQ(masker.mask_text("https://api.telegram.org/bot123:AAbb/sendMessage"),
            "https://api.telegram.org/bot***/sendMessage");
  EXPECT_EQ(masker.mask_text("signal: long BTC at 42000"), "signal: long BTC at 42000");
}

}  // namespace
}  // namespace sigtrader::bus
