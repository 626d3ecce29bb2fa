#include "app/demo_summary.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::app {
namespace {

using ::testing::HasSubstr;

const core::Timestamp kNoon = core::Timestamp::from_seconds(1'741'003'200);  // 2025-03-03T12:00Z

strategy::SignalOutcome outcome(const char* channel, std::int64_t id) {
  strategy::SignalOutcome out;
  out.channel = core::ChannelId(channel);
  out.message_id = core::MessageId(id);
  out.side = core::PositionSide::kLong;
  return out;
}

// Bought 1 at 100; sold 1 at `exit` (no fees): a result of exit − 100.
strategy::SignalOutcome closed(const char* channel, std::int64_t id, const char* exit) {
  strategy::SignalOutcome out = outcome(channel, id);
  out.followed = true;
  out.add_entry_fill(kNoon, core::Quantity::parse("1"), core::Price::parse("100"), core::Money());
  out.add_exit_fill(core::Quantity::parse("1"), core::Price::parse(exit), core::Money());
  out.closed_at = kNoon;
  return out;
}

PaperRunResult result() {
  PaperRunResult run;
  run.starting_balance = core::Money::parse("10000");
  run.status.instant = kNoon;
  run.status.steps = 40;
  run.status.equity = core::Money::parse("10012.345");
  run.status.quote_asset = "USDT";
  run.status.open_positions = 1;
  run.outcomes.push_back(closed("file:good", 1, "110"));  // +10
  run.outcomes.push_back(closed("file:noisy", 1, "95"));  // −5
  strategy::SignalOutcome open = outcome("file:good", 2);
  open.followed = true;
  open.add_entry_fill(kNoon, core::Quantity::parse("2"), core::Price::parse("50"), core::Money());
  run.outcomes.push_back(open);
  strategy::SignalOutcome refused = outcome("file:noisy", 2);
  refused.reasons.push_back("risk: circuit breaker open since 2025-03-03T10:00:00Z");
  run.outcomes.push_back(refused);
  strategy::SignalOutcome skipped = outcome("file:noisy", 3);
  skipped.reasons.push_back("BTC/USDT already has an open position (one position per market)");
  run.outcomes.push_back(skipped);
  return run;
}

TEST(DemoSummary, TalliesSignalsByChannelInTheOrderTheyCame) {
  const DemoSummary summary = summarize_demo(result());
  ASSERT_EQ(summary.channels.size(), 2u);
  const DemoChannelTally& good = summary.channels[0];
  EXPECT_EQ(good.channel, "file:good");
  EXPECT_EQ(good.signals, 2);
  EXPECT_EQ(good.followed, 2);
  EXPECT_EQ(good.won, 1);
  EXPECT_EQ(good.open, 1);
  EXPECT_EQ(good.realised, core::Money::parse("10"));
  const DemoChannelTally& noisy = summary.channels[1];
  EXPECT_EQ(noisy.signals, 3);
  EXPECT_EQ(noisy.followed, 1);
  EXPECT_EQ(noisy.refused, 1);
  EXPECT_EQ(noisy.lost, 1);
  EXPECT_EQ(noisy.realised, core::Money::parse("-5"));
  EXPECT_EQ(summary.total.signals, 5);
  EXPECT_EQ(summary.total.realised, core::Money::parse("5"));
}

TEST(DemoSummary, SaysTheAccountAndTheSignalsInAFewLines) {
  const std::string text = demo_summary_text(summarize_demo(result()));
  EXPECT_THAT(text, HasSubstr("Demo summary at 2025-03-03T12:00:00Z after 40 steps"));
  // 12.345 rounds to the cent; 12.345 / 10000 = 0.12 %.
  EXPECT_THAT(text, HasSubstr("equity 10012.35 USDT: PnL +12.35 (+0.12 %), realised +5.00; "
                              "1 position open"));
  EXPECT_THAT(text, HasSubstr("signals 5: 3 followed, 1 refused by risk, 1 skipped; trades 3: "
                              "1 won, 1 lost, 1 open"));
  EXPECT_THAT(text, HasSubstr("file:noisy"));
}

}  // namespace
}  // namespace sigtrader::app
