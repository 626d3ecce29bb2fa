#include "core/secret_names.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

TEST(SecretKeyNames, AreRecognisedByTheirWordsInAnyCaseAndSpelling) {
  for (const char* name :
       {"secret", "api_secret", "apiSecret", "password", "db_password", "bot_token", "Token",
        "api_key", "apiKey", "BINANCE_API_KEY", "X-MBX-APIKEY", "private_key", "passphrase",
        "signature", "X-BAPI-SIGN", "sign", "Authorization", "Cookie", "credentials"}) {
    EXPECT_TRUE(is_secret_key_name(name)) << name;
  }
}

TEST(SecretKeyNames, LeaveLookAlikesReadable) {
  for (const char* name : {"port", "mask_keys", "path", "api", "key", "private", "signal",
                           "max_tokens", "tokens_used", "design", "symbol", ""}) {
    EXPECT_FALSE(is_secret_key_name(name)) << name;
  }
}

}  // namespace
}  // namespace sigtrader::core
