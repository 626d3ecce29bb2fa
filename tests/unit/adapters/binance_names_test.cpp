#include "adapters/binance/binance_names.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::adapters::binance {
namespace {

using ::testing::HasSubstr;

TEST(BinanceSymbol, JoinsBaseAndQuoteInUpperCase) {
  EXPECT_EQ(binance_symbol("BTC/USDT").value(), "BTCUSDT");
  EXPECT_EQ(binance_symbol("eth-btc").value(), "ETHBTC");
  EXPECT_EQ(binance_symbol("BTCUSDT").value(), "BTCUSDT");
}

TEST(BinanceSymbol, RefusesWhatIsNotAPair) {
  for (const char* text : {"", "/", "BTC/", "/USDT", "BTC/USDT/EUR", "BTC USDT", "BTC&x=1"}) {
    const auto symbol = binance_symbol(text);
    ASSERT_FALSE(symbol.ok()) << text;
    EXPECT_EQ(symbol.error().code(), core::ErrorCode::kInvalidArgument);
  }
}

TEST(BinanceInterval, NamesTheSupportedIntervalsAndListsThemOtherwise) {
  EXPECT_EQ(binance_interval(core::Duration::hours(1)).value(), "1h");
  EXPECT_EQ(binance_interval(core::Duration::minutes(15)).value(), "15m");
  EXPECT_EQ(binance_interval(core::Duration::days(7)).value(), "1w");
  const auto odd = binance_interval(core::Duration::minutes(7));
  ASSERT_FALSE(odd.ok());
  EXPECT_THAT(odd.error().message(), HasSubstr("Binance has no 7m klines"));
  EXPECT_THAT(odd.error().message(), HasSubstr("1m, 3m, 5m"));
}

}  // namespace
}  // namespace sigtrader::adapters::binance
