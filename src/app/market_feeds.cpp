#include "app/market_feeds.hpp"

#include <memory>
#include <utility>

#include "market/candle_source.hpp"

namespace sigtrader::app {

std::vector<engine::MarketFeed> make_feeds(const engine::BacktestConfig& config,
                                           std::span<const PaperSetup::Market> markets,
                                           std::optional<core::Timestamp> cut) {
  std::optional<core::Timestamp> to = config.to;
  if (cut && (!to || *cut < *to)) to = cut;
  std::vector<engine::MarketFeed> feeds;
  for (const PaperSetup::Market& data : markets) {
    engine::MarketFeed feed;
    feed.candles = std::make_unique<market::SpanCandleSource>(
        data.candles.candles, data.candles.timeframe, config.from, to);
    if (data.detail) {
      feed.detail = std::make_unique<market::SpanCandleSource>(
          data.detail->candles, data.detail->timeframe, config.from, to);
    }
    feed.funding = data.funding;
    feeds.push_back(std::move(feed));
  }
  return feeds;
}

}  // namespace sigtrader::app
