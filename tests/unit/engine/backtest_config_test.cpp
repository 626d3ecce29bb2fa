#include "engine/backtest_config.hpp"

#include <string>

#include <gtest/gtest.h>

namespace sigtrader::engine {
namespace {

core::Result<BacktestConfig> parse(const std::string& text) {
  return parse_backtest_config(text, "bt.toml", "/data");
}

const char* kValid = R"(
[backtest]
starting_balance = "2500.50"
fee_rate = 0.00075
slippage_bps = 3
latency = "250ms"
from = "2024-01-01"
equity_interval = "1d"

[[market]]
symbol = "eth/usdt"
data = "ETHUSDT-1h.csv"
tick_size = "0.01"
step_size = "0.0001"

[[market]]
symbol = "BTC/USDT"
data = "/abs/BTCUSDT-1h.csv"
kind = "perpetual"
leverage = 5

[strategy]
name = "ema_cross"
[strategy.params]
fast = 9
slow = 21
[strategy.exits]
stop_loss_pct = 2
take_profit = [{ pct = 1.5, fraction = 0.5 }, { pct = 3, fraction = 0.5 }]
time_stop = "48h"
)";

TEST(BacktestConfig, ReadsEveryPart) {
  auto config = parse(kValid);
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->starting_balance, core::Money::parse("2500.50"));
  EXPECT_EQ(config->fee_rate, core::Decimal::parse("0.00075"));
  EXPECT_EQ(config->maker_fee_rate, core::Decimal::parse("0.00075"));  // defaults to fee_rate
  EXPECT_EQ(config->slippage_bps, core::Decimal::parse("3"));
  EXPECT_EQ(config->latency, core::Duration::milliseconds(250));
  EXPECT_EQ(config->from->to_iso8601(), "2024-01-01T00:00:00Z");
  EXPECT_EQ(config->equity_interval, core::Duration::days(1));
  ASSERT_EQ(config->markets.size(), 2u);
  EXPECT_EQ(config->markets[0].instrument.symbol.to_string(), "ETH/USDT");
  EXPECT_EQ(config->markets[0].data, std::filesystem::path("/data/ETHUSDT-1h.csv"));
  EXPECT_EQ(config->markets[1].data, std::filesystem::path("/abs/BTCUSDT-1h.csv"));
  EXPECT_EQ(config->markets[1].instrument.kind, core::InstrumentKind::kPerpetual);
  EXPECT_EQ(config->markets[1].leverage, 5);
  EXPECT_EQ(config->quote_asset, "USDT");
  EXPECT_EQ(config->strategy_name, "ema_cross");
  ASSERT_EQ(config->exits.take_profits.size(), 2u);
  EXPECT_EQ(config->exits.take_profits[0].distance_pct, core::Decimal::parse("1.5"));
  EXPECT_EQ(config->exits.time_stop, core::Duration::hours(48));
}

TEST(BacktestConfig, ListsEveryProblemWithItsLine) {
  auto config = parse(R"([backtest]
fee_rate = "lots"
slipage_bps = 3

[[market]]
symbol = "BTCUSDT"
data = "x.csv"
leverage = 3

[strategy]
name = "ema_cross"
)");
  ASSERT_FALSE(config.ok());
  const std::string& message = config.error().message();
  EXPECT_NE(message.find("bt.toml:2: backtest.fee_rate = \"lots\": expected a fraction"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("bt.toml:3: unknown key backtest.slipage_bps; did you mean slippage_bps?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("bt.toml:6: market[0].symbol = \"BTCUSDT\": expected a pair"),
            std::string::npos)
      << message;
}

TEST(BacktestConfig, NeedsMarketsAndAStrategy) {
  auto config = parse("[backtest]\nseed = 3\n");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message().find("no markets"), std::string::npos);
  EXPECT_NE(config.error().message().find("no [strategy]"), std::string::npos);
}

TEST(BacktestConfig, RefusesLeverageOnSpotAndMixedQuotes) {
  auto config = parse(R"([[market]]
symbol = "BTC/USDT"
data = "a.csv"
leverage = 3
[[market]]
symbol = "ETH/BTC"
data = "b.csv"
[strategy]
name = "ema_cross"
)");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message().find("spot market trades without leverage"),
            std::string::npos);
}

TEST(BacktestConfig, RefusesATakeProfitLadderOverTheWholePosition) {
  auto config = parse(R"([[market]]
symbol = "BTC/USDT"
data = "a.csv"
[strategy]
name = "ema_cross"
[strategy.exits]
take_profit = [{ pct = 1, fraction = 0.7 }, { pct = 2, fraction = 0.5 }]
)");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message().find("add up to 1.2"), std::string::npos)
      << config.error().message();
}

TEST(BacktestConfig, ReportsSyntaxErrorsWithLineAndColumn) {
  auto config = parse("[backtest\nseed = 1\n");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code(), core::ErrorCode::kConfig);
  EXPECT_EQ(config.error().message().rfind("bt.toml:1:", 0), 0u) << config.error().message();
}

}  // namespace
}  // namespace sigtrader::engine

namespace sigtrader::engine {
namespace {

TEST(BacktestConfig, TheAnnotatedExampleIsValid) {
  auto config = load_backtest_config(SIGTRADER_SOURCE_DIR "/sigtrader.backtest.example.toml");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->strategy_name, "ema_cross");
  EXPECT_EQ(config->markets.size(), 1u);
}

}  // namespace
}  // namespace sigtrader::engine
