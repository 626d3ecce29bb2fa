#include "signals/symbol_text.hpp"

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::string parsed(std::string_view text) {
  const auto symbol = parse_symbol_text(text);
  return symbol ? symbol->to_string() : "none";
}

TEST(SymbolText, NormalisesTheWaysChannelsNameACoin) {
  EXPECT_EQ(parsed("BTCUSDT"), "BTC/USDT");
  EXPECT_EQ(parsed("BTC/USDT"), "BTC/USDT");
  EXPECT_EQ(parsed("btc-usdt"), "BTC/USDT");
  EXPECT_EQ(parsed("#BTC"), "BTC/USDT");
  EXPECT_EQ(parsed("$eth"), "ETH/USDT");
  EXPECT_EQ(parsed("BTC-PERP"), "BTC/USDT");
  EXPECT_EQ(parsed("BTCUSDT.P"), "BTC/USDT");
  EXPECT_EQ(parsed("1000PEPE"), "1000PEPE/USDT");
  EXPECT_EQ(parsed("1000PEPEUSDT"), "1000PEPE/USDT");
  EXPECT_EQ(parsed("ETH/BTC"), "ETH/BTC");
  EXPECT_EQ(parsed("ETHBTC"), "ETH/BTC");
  EXPECT_EQ(parsed("SOL:USDT"), "SOL/USDT");
  EXPECT_EQ(parsed("WBTC"), "WBTC/USDT");  // too short to split off BTC
  EXPECT_EQ(parsed("BTCFDUSD"), "BTC/FDUSD");
}

TEST(SymbolText, RefusesWhatIsNotACoin) {
  for (std::string_view text :
       {"", "#", "1000", "X", "BTC/XYZ", "USDT", "TOOLONGCOINNAME123", "BTC/", "b@d"}) {
    EXPECT_EQ(parsed(text), "none") << text;
  }
}

}  // namespace
}  // namespace sigtrader::signals
