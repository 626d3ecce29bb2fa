#include "net/query_string.hpp"

#include <gtest/gtest.h>

namespace sigtrader::net {
namespace {

TEST(PercentEncode, KeepsUnreservedCharactersAndEncodesTheRestAsUpperHex) {
  EXPECT_EQ(percent_encode("BTCUSDT-1.0_x~"), "BTCUSDT-1.0_x~");
  EXPECT_EQ(percent_encode("BTC/USDT"), "BTC%2FUSDT");
  EXPECT_EQ(percent_encode("a b&c=d"), "a%20b%26c%3Dd");
  // U+FF11 FULLWIDTH DIGIT ONE is EF BC 91 in UTF-8 (Binance's own signing example).
  EXPECT_EQ(percent_encode("\xEF\xBC\x91"), "%EF%BC%91");
}

TEST(BuildQuery, JoinsEncodedPairsInTheGivenOrder) {
  EXPECT_EQ(
      build_query({{"symbol", "BTCUSDT"}, {"interval", "1h"}, {"startTime", "1704067200000"}}),
      "symbol=BTCUSDT&interval=1h&startTime=1704067200000");
  EXPECT_EQ(build_query({}), "");
}

TEST(MaskSecretQuery, HidesValuesOfSecretLookingParametersOnly) {
  EXPECT_EQ(mask_secret_query("/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=c8db5682"),
            "/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=***");
  EXPECT_EQ(mask_secret_query("https://h/x?apiKey=abc&token=t0k&limit=5"),
            "https://h/x?apiKey=***&token=***&limit=5");
  EXPECT_EQ(mask_secret_query("/x?api%5Fkey=abc"), "/x?api%5Fkey=***");
  EXPECT_EQ(mask_secret_query("/api/v3/klines?symbol=BTCUSDT&interval=1h"),
            "/api/v3/klines?symbol=BTCUSDT&interval=1h");
  EXPECT_EQ(mask_secret_query("/no/query"), "/no/query");
}

}  // namespace
}  // namespace sigtrader::net
