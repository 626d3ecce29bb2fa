#include <gtest/gtest.h>

#include "backtest_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;

TEST(BollingerReversion, BuysBelowTheLowerBandAndSellsAtTheMiddle) {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "bollinger_reversion";
  config.parameters.set("period", std::int64_t{3});
  config.parameters.set("deviations", 1.0);
  // Candle 3 closes at 97: SMA(100, 100, 97) = 99, population σ = √((1 + 1 + 4) / 3) = √2, lower
  // band 99 − 1.414 = 97.586 > 97: buy at the open of candle 4 (98). Candle 4 closes at 99, at or
  // above the middle band (100 + 97 + 99) / 3 = 98.67: sell at the open of candle 5 (99.50).
  const auto candles = testing::hourly({{"100", "100", "100", "100"},
                                        {"100", "100", "100", "100"},
                                        {"100", "100", "100", "100"},
                                        {"100", "100", "97", "97"},
                                        {"98", "99", "98", "99"},
                                        {"99.50", "99.50", "99.50", "99.50"}});
  auto result = run_backtest(config, testing::feed(candles));
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->trades.size(), 1u);
  const TradeRecord& trade = result->trades[0];
  EXPECT_EQ(trade.entry_time, hour(4));
  EXPECT_EQ(trade.entry_price, core::Price::parse("98"));
  EXPECT_EQ(trade.exit_time, hour(5));
  EXPECT_EQ(trade.exit_price, core::Price::parse("99.50"));
  EXPECT_EQ(trade.exit_reason, "signal");
  // All 10000 USDT at 98 with no fee: 102.040 BTC (step 0.001), +1.50 each.
  EXPECT_EQ(trade.quantity, core::Quantity::parse("102.040"));
  EXPECT_EQ(trade.pnl, core::Money::parse("153.06"));
}

}  // namespace
}  // namespace sigtrader::engine
