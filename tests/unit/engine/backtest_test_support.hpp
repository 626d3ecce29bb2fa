#pragma once

// Building blocks for engine tests: hourly candles written as numbers, a one-market config without
// fees or slippage (so hand computations stay short), and a scripted strategy.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"
#include "market/candle_source.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine::testing {

struct Ohlc {
  const char* open;
  const char* high;
  const char* low;
  const char* close;
};

inline core::Timestamp hour(int n) {
  return core::Timestamp::from_seconds(1'704'067'200 + n * 3600);
}

// Candle i opens at hour(i).
inline std::vector<market::Candle> hourly(const std::vector<Ohlc>& rows) {
  std::vector<market::Candle> candles;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    market::Candle candle;
    candle.open_time = hour(static_cast<int>(i));
    candle.open = core::Price::parse(rows[i].open);
    candle.high = core::Price::parse(rows[i].high);
    candle.low = core::Price::parse(rows[i].low);
    candle.close = core::Price::parse(rows[i].close);
    candle.volume = core::Quantity::from_int(1000);
    candles.push_back(candle);
  }
  return candles;
}

// BTC/USDT spot, tick 0.01, step 0.001, 10000 USDT, no fees, no slippage.
inline BacktestConfig plain_config() {
  BacktestConfig config;
  MarketConfig market;
  market.instrument.symbol = core::Symbol{"BTC", "USDT"};
  market.instrument.venue = "sim";
  market.instrument.tick_size = core::Price::parse("0.01");
  market.instrument.step_size = core::Quantity::parse("0.001");
  config.markets.push_back(market);
  config.quote_asset = "USDT";
  config.starting_balance = core::Money::from_int(10'000);
  config.fee_rate = core::Decimal::from_int(0);
  config.maker_fee_rate = core::Decimal::from_int(0);
  config.strategy_name = "scripted";
  return config;
}

inline std::vector<MarketFeed> feed(const std::vector<market::Candle>& candles) {
  std::vector<MarketFeed> feeds;
  feeds.push_back(MarketFeed{
      std::make_unique<market::SpanCandleSource>(candles, core::Duration::hours(1)), nullptr, {}});
  return feeds;
}

// Calls `script(context, index)` on the close of every candle (index from 0).
class Scripted final : public strategy::Strategy {
 public:
  using Script = std::function<void(strategy::StrategyContext&, int)>;
  explicit Scripted(Script script) : script_(std::move(script)) {}
  std::string_view name() const override { return "scripted"; }
  void on_candle(strategy::StrategyContext& context, std::size_t, const market::Candle&) override {
    script_(context, index_++);
  }

 private:
  Script script_;
  int index_ = 0;
};

// Enters long with `exits` on the close of candle `at` (so the entry fills at the next open).
inline Scripted enter_long_at(int at, strategy::ExitPlan exits,
                              std::optional<core::Quantity> quantity = std::nullopt) {
  return Scripted([at, exits, quantity](strategy::StrategyContext& context, int index) {
    if (index == at) {
      auto sent = context.enter(0, core::PositionSide::kLong, exits, quantity);
      ASSERT_TRUE(sent.ok()) << sent.error().message();
    }
  });
}

}  // namespace sigtrader::engine::testing
