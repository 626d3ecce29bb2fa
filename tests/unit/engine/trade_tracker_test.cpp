#include "engine/trade_tracker.hpp"

#include <gtest/gtest.h>

namespace sigtrader::engine {
namespace {

TrackedFill fill(core::OrderSide side, const char* price, const char* quantity, const char* fee,
                 int minute, std::string_view reason = "signal") {
  return TrackedFill{side,
                     core::Price::parse(price),
                     core::Quantity::parse(quantity),
                     core::Money::parse(fee),
                     core::Money(),
                     core::Timestamp::from_seconds(minute * 60),
                     reason,
                     false};
}

TEST(TradeTracker, ARoundTripWithTwoExitsIsOneTrade) {
  TradeTracker tracker;
  tracker.add_market(core::Symbol{"BTC", "USDT"}, 1);
  ASSERT_TRUE(tracker.on_fill(0, fill(core::OrderSide::kBuy, "100", "2", "0.2", 0)).ok());
  ASSERT_TRUE(tracker.on_fill(0, fill(core::OrderSide::kSell, "110", "1", "0.11", 5)).ok());
  EXPECT_TRUE(tracker.is_open(0));
  ASSERT_TRUE(
      tracker.on_fill(0, fill(core::OrderSide::kSell, "120", "1", "0.12", 9, "take_profit")).ok());
  ASSERT_EQ(tracker.trades().size(), 1u);
  const TradeRecord& trade = tracker.trades()[0];
  EXPECT_EQ(trade.entry_price, core::Price::parse("100"));
  EXPECT_EQ(trade.exit_price, core::Price::parse("115"));
  EXPECT_EQ(trade.fees, core::Money::parse("0.43"));
  // (110 + 120) − 200 − 0.43
  EXPECT_EQ(trade.pnl, core::Money::parse("29.57"));
  // over the capital used: 200 + 0.2
  EXPECT_NEAR(trade.return_pct, 29.57 / 200.2, 1e-12);
  EXPECT_EQ(trade.exit_reason, "take_profit");
  EXPECT_EQ(trade.exit_time, core::Timestamp::from_seconds(9 * 60));
}

TEST(TradeTracker, AFlipClosesOneTradeAndOpensTheNextWithTheFeeSplitByQuantity) {
  TradeTracker tracker;
  tracker.add_market(core::Symbol{"BTC", "USDT"}, 2);
  ASSERT_TRUE(tracker.on_fill(0, fill(core::OrderSide::kBuy, "100", "1", "0.1", 0)).ok());
  // Sells 3 at 90: 1 closes the long, 2 open a short. Fee 0.27 splits 0.09 / 0.18.
  ASSERT_TRUE(tracker.on_fill(0, fill(core::OrderSide::kSell, "90", "3", "0.27", 1)).ok());
  ASSERT_EQ(tracker.trades().size(), 1u);
  EXPECT_EQ(tracker.trades()[0].pnl, core::Money::parse("-10.19"));  // −10 − 0.1 − 0.09
  // leverage 2: capital = 100 / 2 + 0.1
  EXPECT_NEAR(tracker.trades()[0].return_pct, -10.19 / 50.1, 1e-12);
  ASSERT_TRUE(tracker.on_fill(0, fill(core::OrderSide::kBuy, "80", "2", "0.16", 2)).ok());
  ASSERT_EQ(tracker.trades().size(), 2u);
  const TradeRecord& short_trade = tracker.trades()[1];
  EXPECT_EQ(short_trade.side, core::PositionSide::kShort);
  EXPECT_EQ(short_trade.entry_time, core::Timestamp::from_seconds(60));
  EXPECT_EQ(short_trade.fees, core::Money::parse("0.34"));  // 0.18 + 0.16
  EXPECT_EQ(short_trade.pnl, core::Money::parse("19.66"));  // (90 − 80) × 2 − 0.34
}

}  // namespace
}  // namespace sigtrader::engine
