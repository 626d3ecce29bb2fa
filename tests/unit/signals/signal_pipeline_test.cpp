#include "signals/signal_pipeline.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

const core::ChannelId kCalls("file:calls");

core::Timestamp minute(std::int64_t n) {
  return core::Timestamp::from_seconds(1'700'000'000 + 60 * n);
}

PostText post(std::int64_t id, std::int64_t at, std::string text,
              std::optional<std::int64_t> reply_to = std::nullopt, int version = 1) {
  return PostText{.channel = kCalls,
                  .message_id = core::MessageId(id),
                  .reply_to = reply_to ? std::optional(core::MessageId(*reply_to)) : std::nullopt,
                  .ts_event = minute(at),
                  .ts_init = minute(at),
                  .version = version,
                  .text = std::move(text)};
}

constexpr const char* kAvaxLong = "#AVAXUSDT LONG\nEntry: 35.2\nTargets: 36 - 37.5\nStop loss: 34";

class SignalPipelineTest : public ::testing::Test {
 protected:
  SignalPipelineTest() : pipeline_(classifier_, {}, &bus_) {
    bus_.subscribe<bus::SignalEvent>(
        [this](const bus::SignalEvent& event) { events_.push_back(event); });
  }

  RuleClassifier classifier_;
  bus::MessageBus bus_;
  SignalPipeline pipeline_;
  std::vector<bus::SignalEvent> events_;
};

TEST_F(SignalPipelineTest, ASignalIsPublishedWithItsFieldsAsVersionOne) {
  const PostReading reading = pipeline_.process(post(1, 0, kAvaxLong));
  ASSERT_EQ(events_.size(), 1u);
  const bus::SignalEvent& event = events_.front();
  EXPECT_EQ(event.label, "long");
  EXPECT_EQ(event.symbol->to_string(), "AVAX/USDT");
  EXPECT_EQ(event.side, core::PositionSide::kLong);
  EXPECT_EQ(event.stop_loss, core::Price::parse("34"));
  ASSERT_EQ(event.targets.size(), 2u);
  EXPECT_EQ(event.version, 1);
  EXPECT_TRUE(event.changed.empty());
  EXPECT_FALSE(event.refers_to);
  EXPECT_EQ(event.header.ts_init, minute(0));
  EXPECT_EQ(reading.understood.classification.classifier, "rules");
}

TEST_F(SignalPipelineTest, AnUpdateCarriesItsKindAndTheSignalItRefersTo) {
  pipeline_.process(post(1, 0, kAvaxLong));
  pipeline_.process(post(2, 10, "#AVAX TP2 reached ✅ +18% profit"));
  pipeline_.process(post(3, 20, "Close 30% of the position here", /*reply_to=*/1));
  ASSERT_EQ(events_.size(), 3u);
  EXPECT_EQ(events_[1].label, "update");
  EXPECT_EQ(events_[1].update_kind, "target_hit");
  EXPECT_EQ(events_[1].refers_to, core::MessageId(1));
  EXPECT_EQ(events_[1].link_rule, "symbol");
  EXPECT_EQ(events_[2].update_kind, "close");
  EXPECT_EQ(events_[2].refers_to, core::MessageId(1));
  EXPECT_EQ(events_[2].link_rule, "reply");
  ASSERT_TRUE(events_[2].symbol) << "an update without a coin takes its signal's";
  EXPECT_EQ(events_[2].symbol->to_string(), "AVAX/USDT");
}

TEST_F(SignalPipelineTest, AnUpdateOfAnUnknownCoinIsPublishedUnlinkedWithTheReason) {
  pipeline_.process(post(1, 0, kAvaxLong));
  const PostReading reading =
      pipeline_.process(post(2, 5, "#NEAR signal cancelled, entry not reached"));
  EXPECT_EQ(reading.event.update_kind, "cancel");
  EXPECT_FALSE(reading.event.refers_to);
  EXPECT_FALSE(reading.event.link_rule);
  EXPECT_NE(reading.link.reason.find("NEAR/USDT"), std::string::npos) << reading.link.reason;
}

TEST_F(SignalPipelineTest, AnEditIsReReadAndSaysWhatChanged) {
  pipeline_.process(post(1, 0, kAvaxLong));
  const PostReading edit = pipeline_.process(
      post(1, 30, "#AVAXUSDT LONG\nEntry: 35.2\nTargets: 36 - 37.5\nStop loss: 33.5", {}, 2));
  EXPECT_EQ(edit.event.version, 2);
  EXPECT_EQ(edit.event.changed, (std::vector<std::string>{"stop_loss"}));
  EXPECT_EQ(edit.event.stop_loss, core::Price::parse("33.5"));
  EXPECT_EQ(events_.front().stop_loss, core::Price::parse("34")) << "the first event is as it was";
}

TEST_F(SignalPipelineTest, AnEditThatTurnsASignalIntoChatterUnlinksLaterUpdates) {
  pipeline_.process(post(1, 0, kAvaxLong));
  const PostReading edit =
      pipeline_.process(post(1, 5, "GM fam ☀️ new week, new opportunities", {}, 2));
  EXPECT_EQ(edit.event.label, "none");
  EXPECT_EQ(edit.event.changed.front(), "label");
  const PostReading update = pipeline_.process(post(2, 10, "#AVAX move stop to breakeven"));
  EXPECT_FALSE(update.event.refers_to);
}

TEST_F(SignalPipelineTest, ChatterIsPublishedAsNone) {
  const PostReading reading =
      pipeline_.process(post(1, 0, "GM fam ☀️ new week, new opportunities"));
  EXPECT_EQ(reading.event.label, "none");
  EXPECT_FALSE(reading.event.symbol);
}

TEST(SignalFields, ChangedFieldsNamesEachDifferingField) {
  SignalFields before{.label = "long", .stop_loss = core::Price::parse("34")};
  SignalFields after = before;
  EXPECT_TRUE(changed_fields(before, after).empty());
  after.stop_loss = core::Price::parse("33");
  after.targets = {core::Price::parse("40")};
  after.leverage = 10;
  EXPECT_EQ(changed_fields(before, after),
            (std::vector<std::string>{"targets", "stop_loss", "leverage"}));
}

}  // namespace
}  // namespace sigtrader::signals
