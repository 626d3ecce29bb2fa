#include "app/timed_post_feed.hpp"

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sigtrader::app {
namespace {

core::Timestamp at(const char* iso) {
  return *core::Timestamp::try_parse_iso8601(iso);
}

signals::Message post(std::int64_t id, const char* ts, const char* text) {
  signals::Message message;
  message.source = "file";
  message.channel_id = core::ChannelId("file:calls");
  message.channel_title = "calls";
  message.id = core::MessageId(id);
  message.ts = at(ts);
  message.text = text;
  return message;
}

// Listed out of order: the feed goes by post time.
std::vector<signals::Message> posts() {
  return {post(3, "2025-03-03T03:05:00Z", "#BTC TP1 reached ✅"),
          post(1, "2025-03-03T01:05:00Z", "BTC/USDT long @ 60000 TP1: 61000 SL: 59000"),
          post(2, "2025-03-03T02:05:00Z", "Slow day, nothing worth trading yet")};
}

std::int64_t rows(storage::SqliteStore& store, const std::string& table) {
  auto tables = store.table_counts();
  EXPECT_TRUE(tables.ok());
  for (const storage::TableInfo& info : *tables) {
    if (info.name == table) return info.rows;
  }
  return -1;
}

class TimedPostFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::SqliteStore::open((dir_.path() / "feed.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    store_ = std::move(*opened);
  }
  sigtrader::testing::TempDir dir_;
  std::unique_ptr<storage::SqliteStore> store_;
  signals::RuleClassifier rules_;
};

TEST_F(TimedPostFeedTest, StoresEachPostOnceItsTimeHasComeWithItsReading) {
  TimedPostFeed feed(posts(), *store_, rules_);
  auto none = feed.store_until(at("2025-03-03T01:00:00Z"));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(rows(*store_, "messages"), 0);

  auto two = feed.store_until(at("2025-03-03T02:05:00Z"));  // a post at the instant is in
  ASSERT_TRUE(two.ok()) << two.error().message();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].id, core::MessageId(1));
  EXPECT_EQ((*two)[1].id, core::MessageId(2));
  EXPECT_EQ(rows(*store_, "messages"), 2);
  EXPECT_EQ(rows(*store_, "signals"), 2);  // the long and the chatter's "none"

  auto again = feed.store_until(at("2025-03-03T02:30:00Z"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto last = feed.store_until(at("2025-03-03T09:00:00Z"));
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ(feed.stored(), 3u);
  EXPECT_EQ(rows(*store_, "signals"), 3);
}

TEST_F(TimedPostFeedTest, ANewFeedOverTheSameStoreAddsNothing) {
  {
    TimedPostFeed feed(posts(), *store_, rules_);
    ASSERT_TRUE(feed.store_until(at("2025-03-03T09:00:00Z")).ok());
  }
  TimedPostFeed resumed(posts(), *store_, rules_);
  auto stored = resumed.store_until(at("2025-03-03T09:00:00Z"));
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_EQ(stored->size(), 3u);
  EXPECT_EQ(rows(*store_, "messages"), 3);
  EXPECT_EQ(rows(*store_, "signals"), 3);
}

}  // namespace
}  // namespace sigtrader::app
