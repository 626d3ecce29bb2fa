#include "engine/signal_replay.hpp"

#include <vector>

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include "bus/event_json.hpp"
#include "engine/signal_recorder.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::engine {
namespace {

const core::ChannelId kCalls("file:calls");

core::Timestamp minute(std::int64_t n) {
  return core::Timestamp::from_seconds(1'700'000'000 + 60 * n);
}

constexpr const char* kLongStop34 =
    "#AVAXUSDT LONG\nEntry: 35.2\nTargets: 36 - 37.5\nStop loss: 34";
constexpr const char* kLongStop33 =
    "#AVAXUSDT LONG\nEntry: 35.2\nTargets: 36 - 37.5\nStop loss: 33.25";

class SignalReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::SqliteStore::open(":memory:");
    ASSERT_TRUE(store.ok()) << store.error().message();
    store_ = std::move(store).value();
    ASSERT_TRUE(store_
                    ->upsert_channel(storage::ChannelRow{.id = kCalls,
                                                         .source = "file",
                                                         .title = "calls",
                                                         .created_at = minute(0),
                                                         .updated_at = minute(0)})
                    .ok());
  }

  // Stores a post as first seen at `at`, or (with edited_at) its edit visible from then on.
  void store_post(std::int64_t id, std::int64_t at, std::string text,
                  std::optional<std::int64_t> edited_at = std::nullopt,
                  std::optional<std::int64_t> reply_to = std::nullopt) {
    const core::Timestamp visible = minute(edited_at.value_or(at));
    const auto inserted = store_->insert_message(storage::MessageRow{
        .id = {},
        .channel_id = kCalls,
        .message_id = core::MessageId(id),
        .ts_event = minute(at),
        .ts_init = visible,
        .text = std::move(text),
        .reply_to = reply_to ? std::optional(core::MessageId(*reply_to)) : std::nullopt,
        .raw_json = std::nullopt,
        .edited_at = edited_at ? std::optional(visible) : std::nullopt,
        .forwarded_from = std::nullopt,
    });
    ASSERT_TRUE(inserted.ok()) << inserted.error().message();
  }

  std::vector<bus::SignalEvent> replay(SignalReplayOptions options = {}) {
    std::vector<bus::SignalEvent> events;
    const auto count =
        replay_signals(*store_, classifier_, options,
                       [&](const bus::SignalEvent& event) { events.push_back(event); });
    EXPECT_TRUE(count.ok()) << count.error().message();
    return events;
  }

  signals::RuleClassifier classifier_;
  std::unique_ptr<storage::SqliteStore> store_;
};

TEST_F(SignalReplayTest, AnEditNeverLeaksIntoWhatWasVisibleBeforeIt) {
  store_post(1, 0, kLongStop34);
  store_post(2, 10, "#AVAX TP1 reached ✅");
  store_post(1, 0, kLongStop33, /*edited_at=*/30);  // the stop is corrected half an hour later
  store_post(3, 40, "#AVAX move stop to breakeven");

  const std::vector<bus::SignalEvent> events = replay();
  ASSERT_EQ(events.size(), 4u);
  // Before the edit: the old stop, and nothing of the new one anywhere in the event.
  EXPECT_EQ(events[0].message_id, core::MessageId(1));
  EXPECT_EQ(events[0].version, 1);
  EXPECT_EQ(events[0].stop_loss, core::Price::parse("34"));
  EXPECT_EQ(bus::to_record(events[0]).payload.at("stop_loss").as_string(), "34");
  for (const auto& [key, value] : bus::to_json(events[0])) {
    EXPECT_EQ(boost::json::serialize(value).find("33.25"), std::string::npos) << key;
  }
  EXPECT_EQ(events[1].message_id, core::MessageId(2));
  EXPECT_EQ(events[1].refers_to, core::MessageId(1));
  // The edit arrives at its own time as version 2, saying what changed.
  EXPECT_EQ(events[2].message_id, core::MessageId(1));
  EXPECT_EQ(events[2].version, 2);
  EXPECT_EQ(events[2].header.ts_init, minute(30));
  EXPECT_EQ(events[2].changed, (std::vector<std::string>{"stop_loss"}));
  EXPECT_EQ(events[2].stop_loss, core::Price::parse("33.25"));
  EXPECT_EQ(events[3].refers_to, core::MessageId(1));
}

TEST_F(SignalReplayTest, AReplayEndingBeforeTheEditSeesOnlyTheFirstText) {
  store_post(1, 0, kLongStop34);
  store_post(1, 0, kLongStop33, /*edited_at=*/30);
  SignalReplayOptions options;
  options.to = minute(30);
  const std::vector<bus::SignalEvent> events = replay(options);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].stop_loss, core::Price::parse("34"));
}

TEST_F(SignalReplayTest, AReplayStartingAfterThePostStillSaysWhatItsEditChanged) {
  store_post(1, 0, kLongStop34);
  store_post(1, 0, kLongStop33, /*edited_at=*/30);
  SignalReplayOptions options;
  options.from = minute(20);
  const std::vector<bus::SignalEvent> events = replay(options);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].version, 2);
  EXPECT_EQ(events[0].changed, (std::vector<std::string>{"stop_loss"}));
}

TEST_F(SignalReplayTest, PagesOfTheStoreJoinSeamlessly) {
  for (int id = 1; id <= 7; ++id)
    store_post(id, id, "GM fam ☀️ new week, new opportunities");
  SignalReplayOptions options;
  options.page_size = 2;
  const std::vector<bus::SignalEvent> events = replay(options);
  ASSERT_EQ(events.size(), 7u);
  for (int i = 0; i < 7; ++i)
    EXPECT_EQ(events[i].message_id, core::MessageId(i + 1));
}

TEST_F(SignalReplayTest, TheRecorderLinksARepliedUpdateThatIsStoredBeforeItsSignal) {
  store_post(2, 5, "Close 30% of the position here", std::nullopt, /*reply_to=*/1);
  store_post(1, 0, kLongStop34);
  SignalRecorder recorder(*store_, classifier_);
  const auto recorded = recorder.record_channel(kCalls, minute(0));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message();
  EXPECT_EQ(recorded->longs, 1);
  EXPECT_EQ(recorded->linked_updates, 1);

  const auto signal = store_->find_message(kCalls, core::MessageId(1));
  const auto update = store_->find_message(kCalls, core::MessageId(2));
  const auto signal_row = store_->latest_signal_of_message(signal->id);
  const auto update_row = store_->latest_signal_of_message(update->id);
  ASSERT_TRUE(update_row.ok());
  EXPECT_EQ(update_row->refers_to, signal_row->id);
  EXPECT_EQ(update_row->link_rule, "reply");
  EXPECT_EQ(update_row->update_kind, "close");

  const auto again = recorder.record_channel(kCalls, minute(0));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->longs + again->linked_updates + again->nones, 0) << "nothing twice";
}

TEST_F(SignalReplayTest, TheRecorderFindsTheRepliedToSignalInTheStoreBeyondItsWindow) {
  store_post(1, 0, kLongStop34);
  SignalRecorder recorder(*store_, classifier_);
  ASSERT_TRUE(recorder.record_channel(kCalls, minute(0)).ok());
  // Sixty days later, a reply: far outside the window the recorder reads before new posts.
  const std::int64_t later = 60 * 24 * 60;
  store_post(2, later, "#AVAX TP1 reached ✅", std::nullopt, /*reply_to=*/1);
  const auto recorded = recorder.record_channel(kCalls, minute(later));
  ASSERT_TRUE(recorded.ok()) << recorded.error().message();
  EXPECT_EQ(recorded->linked_updates, 1);
  const auto update = store_->find_message(kCalls, core::MessageId(2));
  EXPECT_EQ(store_->latest_signal_of_message(update->id)->link_rule, "reply");
}

}  // namespace
}  // namespace sigtrader::engine
