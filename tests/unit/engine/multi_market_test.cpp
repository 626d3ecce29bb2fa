#include <gtest/gtest.h>

#include "backtest_test_support.hpp"

namespace sigtrader::engine {
namespace {

using testing::hour;

// Two markets with different timeframes: BTC hourly, ETH every two hours. The strategy sees every
// candle once, in close-time order (BTC before ETH when both close together), and trades both.
TEST(MultiMarket, CandlesArriveInCloseTimeOrderAndBothMarketsTrade) {
  BacktestConfig config = testing::plain_config();
  MarketConfig eth = config.markets[0];
  eth.instrument.symbol = core::Symbol{"ETH", "USDT"};
  config.markets.push_back(eth);

  std::vector<std::pair<std::size_t, core::Timestamp>> seen;
  class Recorder final : public strategy::Strategy {
   public:
    explicit Recorder(std::vector<std::pair<std::size_t, core::Timestamp>>& seen) : seen_(seen) {}
    std::string_view name() const override { return "recorder"; }
    void on_candle(strategy::StrategyContext& context, std::size_t market,
                   const market::Candle&) override {
      seen_.emplace_back(market, context.now());
      if (context.position(market) == nullptr && !context.has_pending_order(market)) {
        auto sent =
            context.enter(market, core::PositionSide::kLong, {}, core::Quantity::parse("1"));
        EXPECT_TRUE(sent.ok()) << sent.error().message();
      }
    }

   private:
    std::vector<std::pair<std::size_t, core::Timestamp>>& seen_;
  } recorder(seen);

  const auto btc = testing::hourly({{"100", "100", "100", "100"},
                                    {"101", "101", "101", "101"},
                                    {"102", "102", "102", "102"},
                                    {"103", "103", "103", "103"}});
  std::vector<market::Candle> eth_candles;
  for (int i = 0; i < 2; ++i) {
    market::Candle candle;
    candle.open_time = hour(2 * i);
    candle.open = candle.high = candle.low = candle.close =
        core::Price::parse(i == 0 ? "10" : "11");
    candle.volume = core::Quantity::from_int(1);
    eth_candles.push_back(candle);
  }
  std::vector<MarketFeed> feeds = testing::feed(btc);
  feeds.push_back(
      MarketFeed{std::make_unique<market::SpanCandleSource>(eth_candles, core::Duration::hours(2)),
                 nullptr,
                 {}});
  auto result = run_backtest(config, recorder, std::move(feeds));
  ASSERT_TRUE(result.ok()) << result.error().message();

  const std::vector<std::pair<std::size_t, core::Timestamp>> expected{
      {0, hour(1)}, {0, hour(2)}, {1, hour(2)}, {0, hour(3)}, {0, hour(4)}, {1, hour(4)}};
  EXPECT_EQ(seen, expected);
  // Each market entered on its first close: BTC at the open of its second candle (hour 1, 101),
  // ETH at the open of its second candle (hour 2, 11); both closed at their last close.
  ASSERT_EQ(result->trades.size(), 2u);
  EXPECT_EQ(result->trades[0].symbol.to_string(), "BTC/USDT");
  EXPECT_EQ(result->trades[0].entry_time, hour(1));
  EXPECT_EQ(result->trades[0].entry_price, core::Price::parse("101"));
  EXPECT_EQ(result->trades[0].exit_price, core::Price::parse("103"));
  EXPECT_EQ(result->trades[1].symbol.to_string(), "ETH/USDT");
  EXPECT_EQ(result->trades[1].entry_time, hour(2));
  EXPECT_EQ(result->trades[1].entry_price, core::Price::parse("11"));
  EXPECT_TRUE(result->trades[1].closed_at_end);
  // 10000 + (103 − 101) + (11 − 11)
  EXPECT_EQ(result->final_equity, core::Money::parse("10002"));
  EXPECT_EQ(result->candles, 6u);
}

// Flat one-minute candles at `price` covering `hours` hours from hour 0.
std::vector<market::Candle> minutes(int hours, const char* price) {
  std::vector<market::Candle> out;
  for (int m = 0; m < hours * 60; ++m) {
    market::Candle candle;
    candle.open_time = hour(0) + core::Duration::minutes(m);
    candle.open = candle.high = candle.low = candle.close = core::Price::parse(price);
    candle.volume = core::Quantity::from_int(1);
    out.push_back(candle);
  }
  return out;
}

// Detail candles of several markets with different timeframes are matched in one time order (the
// clock never goes back), and each strategy candle still arrives after its detail.
TEST(MultiMarket, DetailCandlesOfSeveralMarketsInterleave) {
  BacktestConfig config = testing::plain_config();
  MarketConfig eth = config.markets[0];
  eth.instrument.symbol = core::Symbol{"ETH", "USDT"};
  config.markets.push_back(eth);
  const auto btc = testing::hourly({{"100", "100", "100", "100"},
                                    {"100", "100", "100", "100"},
                                    {"100", "100", "100", "100"},
                                    {"100", "100", "100", "100"}});
  std::vector<market::Candle> eth_candles;
  for (int i = 0; i < 2; ++i) {
    market::Candle candle;
    candle.open_time = hour(2 * i);
    candle.open = candle.high = candle.low = candle.close = core::Price::parse("10");
    candle.volume = core::Quantity::from_int(1);
    eth_candles.push_back(candle);
  }
  const auto btc_minutes = minutes(4, "100");
  const auto eth_minutes = minutes(4, "10");
  std::vector<MarketFeed> feeds;
  feeds.push_back(MarketFeed{
      std::make_unique<market::SpanCandleSource>(btc, core::Duration::hours(1)),
      std::make_unique<market::SpanCandleSource>(btc_minutes, core::Duration::minutes(1)),
      {}});
  feeds.push_back(MarketFeed{
      std::make_unique<market::SpanCandleSource>(eth_candles, core::Duration::hours(2)),
      std::make_unique<market::SpanCandleSource>(eth_minutes, core::Duration::minutes(1)),
      {}});
  testing::Scripted strategy([](strategy::StrategyContext& context, int index) {
    if (index < 2) {
      (void)context.enter(static_cast<std::size_t>(index), core::PositionSide::kLong, {},
                          core::Quantity::parse("1"));
    }
  });
  auto result = run_backtest(config, strategy, std::move(feeds));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->detail_candles, 480u);
  EXPECT_EQ(result->candles, 6u);
  ASSERT_EQ(result->trades.size(), 2u);
  // The first call (BTC's candle closing at hour 1) enters BTC, the second (BTC's candle closing
  // at hour 2, before ETH's) enters ETH: each fills on the next one-minute candle of its market.
  EXPECT_EQ(result->trades[0].entry_time, hour(1));
  EXPECT_EQ(result->trades[1].entry_time, hour(2));
}

}  // namespace
}  // namespace sigtrader::engine
