#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::open_memory_store;
using testing_support::sample_channel;
using testing_support::sample_message;

const core::ChannelId kChannel("telegram:-1001");

SignalRow reading(MessageRowId message, std::string label, core::Timestamp ts_init,
                  int version = 1) {
  SignalRow row;
  row.message = message;
  row.channel_id = kChannel;
  row.ts_event = ts_init;
  row.ts_init = ts_init;
  row.label = std::move(label);
  row.confidence = 0.8;
  row.classifier = "rules";
  row.version = version;
  return row;
}

class StoreSignals : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = open_memory_store();
    ASSERT_TRUE(store_->upsert_channel(sample_channel()).ok());
  }

  MessageRowId add_message(std::int64_t id, core::Timestamp posted) {
    auto inserted = store_->insert_message(sample_message(id, posted));
    EXPECT_TRUE(inserted.ok());
    return inserted->id;
  }

  SignalRowId add_signal(const SignalRow& row) {
    auto id = store_->insert_signal(row);
    EXPECT_TRUE(id.ok()) << id.error().message();
    return *id;
  }

  std::unique_ptr<SqliteStore> store_;
};

TEST_F(StoreSignals, TheColumnsOfVersionFiveAreStoredAndReadBack) {
  const MessageRowId message = add_message(1, at_seconds(10));
  const SignalRowId signal = add_signal(reading(message, "long", at_seconds(10)));
  const MessageRowId reply = add_message(2, at_seconds(20));
  SignalRow update = reading(reply, "update", at_seconds(20));
  update.update_kind = "move_stop";
  update.refers_to = signal;
  update.link_rule = "reply";
  update.warnings = {"stop 43000 is above the entry 42000 of a \"long\""};
  update.entry_market = true;
  update.margin_mode = "isolated";
  const SignalRowId id = add_signal(update);

  const auto stored = store_->find_signal(id);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_EQ(stored->update_kind, "move_stop");
  EXPECT_EQ(stored->refers_to, signal);
  EXPECT_EQ(stored->link_rule, "reply");
  EXPECT_EQ(stored->warnings, update.warnings);
  EXPECT_TRUE(stored->entry_market);
  EXPECT_EQ(stored->margin_mode, "isolated");
  EXPECT_EQ(store_->find_signal(SignalRowId(999)).error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreSignals, TheLatestSignalOfAMessageIsTheOneOfItsNewestVersion) {
  const MessageRowId message = add_message(1, at_seconds(10));
  EXPECT_EQ(store_->latest_signal_of_message(message).error().code(), core::ErrorCode::kNotFound);
  add_signal(reading(message, "long", at_seconds(10), 1));
  const SignalRowId second = add_signal(reading(message, "short", at_seconds(50), 2));
  EXPECT_EQ(store_->latest_signal_of_message(message)->id, second);
  EXPECT_EQ(store_->signal_of_version(message, 1)->label, "long");
  EXPECT_EQ(store_->signal_of_version(message, 3).error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreSignals, SignalsOfAChannelAreListedByTsInitWithinTheRange) {
  const MessageRowId a = add_message(1, at_seconds(10));
  const MessageRowId b = add_message(2, at_seconds(20));
  add_signal(reading(b, "short", at_seconds(20)));
  add_signal(reading(a, "long", at_seconds(10)));
  const auto all = store_->signals_for_channel(kChannel, at_seconds(0), at_seconds(100), 10);
  ASSERT_TRUE(all.ok()) << all.error().message();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().label, "long");
  EXPECT_EQ(store_->signals_for_channel(kChannel, at_seconds(15), at_seconds(100), 10)->size(), 1u);
  EXPECT_EQ(store_->signals_for_channel(kChannel, at_seconds(0), at_seconds(100), 1)->size(), 1u);
}

TEST_F(StoreSignals, FindMessageFindsAStoredPostByItsChannelAndId) {
  const MessageRowId id = add_message(7, at_seconds(10));
  EXPECT_EQ(store_->find_message(kChannel, core::MessageId(7))->id, id);
  EXPECT_EQ(store_->find_message(kChannel, core::MessageId(8)).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StoreSignals, PostVersionsComeInTheOrderTheyBecameVisible) {
  // Message 1 posted at 10, edited at 40; message 2 posted at 20, never edited.
  add_message(1, at_seconds(10));
  add_message(2, at_seconds(20));
  MessageRow edit = sample_message(1, at_seconds(10));
  edit.text = "BTC/USDT long 68000 sl 65000 tp 70000";
  edit.edited_at = at_seconds(40);
  edit.ts_init = at_seconds(40);
  ASSERT_TRUE(store_->insert_message(edit)->is_new_version);

  const auto versions =
      store_->post_versions_between(kChannel, at_seconds(0), at_seconds(100), 10, std::nullopt);
  ASSERT_TRUE(versions.ok()) << versions.error().message();
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ(versions->at(0).message_id, core::MessageId(1));
  EXPECT_EQ(versions->at(0).version, 1);
  EXPECT_EQ(versions->at(0).text, "BTC/USDT long 68000 sl 66000 tp 70000");
  EXPECT_EQ(versions->at(1).message_id, core::MessageId(2));
  EXPECT_EQ(versions->at(2).message_id, core::MessageId(1));
  EXPECT_EQ(versions->at(2).version, 2);
  EXPECT_EQ(versions->at(2).ts_init, at_seconds(40));
  EXPECT_EQ(versions->at(2).text, edit.text);

  // Paging on from the second one, and a window that ends before the edit.
  const PostVersionCursor after{.ts_init = versions->at(1).ts_init,
                                .message = versions->at(1).message,
                                .version = versions->at(1).version};
  const auto rest =
      store_->post_versions_between(std::nullopt, at_seconds(0), at_seconds(100), 10, after);
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ(rest->front().version, 2);
  const auto before_edit =
      store_->post_versions_between(kChannel, at_seconds(0), at_seconds(40), 10, std::nullopt);
  ASSERT_EQ(before_edit->size(), 2u);
  EXPECT_EQ(before_edit->front().text, "BTC/USDT long 68000 sl 66000 tp 70000");
  EXPECT_TRUE(store_
                  ->post_versions_between(core::ChannelId("telegram:-2"), at_seconds(0),
                                          at_seconds(100), 10, std::nullopt)
                  ->empty());
}

TEST_F(StoreSignals, ChannelStatisticsCountTheLatestReadingOfEachMessage) {
  const MessageRowId signal_post = add_message(1, at_seconds(10));
  const MessageRowId edited = add_message(2, at_seconds(20));
  const MessageRowId update_post = add_message(3, at_seconds(30));
  const MessageRowId lone_update = add_message(4, at_seconds(40));
  const MessageRowId chatter = add_message(5, at_seconds(50));
  const SignalRowId signal = add_signal(reading(signal_post, "long", at_seconds(10)));
  add_signal(reading(edited, "none", at_seconds(20), 1));
  add_signal(reading(edited, "short", at_seconds(25), 2));  // the edit made it a signal
  SignalRow update = reading(update_post, "update", at_seconds(30));
  update.refers_to = signal;
  add_signal(update);
  add_signal(reading(lone_update, "update", at_seconds(40)));
  add_signal(reading(chatter, "none", at_seconds(50)));

  const auto stats = store_->refresh_channel_stats(kChannel, at_seconds(60));
  ASSERT_TRUE(stats.ok()) << stats.error().message();
  EXPECT_EQ(stats->messages, 5);
  EXPECT_EQ(stats->longs, 1);
  EXPECT_EQ(stats->shorts, 1);
  EXPECT_EQ(stats->updates, 2);
  EXPECT_EQ(stats->linked_updates, 1);
  EXPECT_EQ(stats->nones, 1);
  EXPECT_DOUBLE_EQ(*stats->share_none, 0.2);
  EXPECT_EQ(stats->first_ts, at_seconds(10));
  EXPECT_EQ(stats->last_ts, at_seconds(50));
  EXPECT_EQ(stats->updated_at, at_seconds(60));
  EXPECT_FALSE(stats->wins);
  EXPECT_FALSE(stats->win_rate);
}

TEST_F(StoreSignals, RefreshingTheCountsKeepsTheOutcomesABacktestStored) {
  ChannelStatsRow stats{.channel_id = kChannel, .updated_at = at_seconds(1)};
  stats.wins = 3;
  stats.losses = 1;
  stats.win_rate = 0.75;
  stats.avg_r = 0.8;
  stats.avg_win_r = 1.4;
  stats.expectancy = 12.5;
  stats.outcomes_at = at_seconds(1);
  ASSERT_TRUE(store_->put_channel_stats(stats).ok());
  add_signal(reading(add_message(1, at_seconds(10)), "long", at_seconds(10)));
  const auto refreshed = store_->refresh_channel_stats(kChannel, at_seconds(2));
  ASSERT_TRUE(refreshed.ok()) << refreshed.error().message();
  EXPECT_EQ(refreshed->longs, 1);
  EXPECT_EQ(refreshed->wins, 3);
  EXPECT_DOUBLE_EQ(*refreshed->win_rate, 0.75);
  EXPECT_DOUBLE_EQ(*refreshed->avg_r, 0.8);
  EXPECT_DOUBLE_EQ(*refreshed->avg_win_r, 1.4);
  EXPECT_DOUBLE_EQ(*refreshed->expectancy, 12.5);
  EXPECT_EQ(refreshed->outcomes_at, at_seconds(1));
}

TEST_F(StoreSignals, ChannelStatisticsAreFoundByChannelAndListedById) {
  EXPECT_EQ(store_->channel_stats(kChannel).error().code(), core::ErrorCode::kNotFound);
  ASSERT_TRUE(store_->upsert_channel(sample_channel("file:a")).ok());
  ASSERT_TRUE(store_->refresh_channel_stats(kChannel, at_seconds(1)).ok());
  const auto empty = store_->refresh_channel_stats(core::ChannelId("file:a"), at_seconds(1));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->messages, 0);
  EXPECT_FALSE(empty->share_none) << "no share of nothing";
  EXPECT_FALSE(empty->first_ts);
  const auto all = store_->list_channel_stats();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->front().channel_id.str(), "file:a");
  EXPECT_TRUE(store_->channel_stats(kChannel).ok());
}

// Signals as a listing sees them: on telegram:-1001 a long (post 1, later edited) and a none
// (post 2), on telegram:-2002 a short (its post 1), and a webhook long without a post.
class StoreSignalListings : public StoreSignals {
 protected:
  void SetUp() override {
    StoreSignals::SetUp();
    ASSERT_TRUE(store_->upsert_channel(sample_channel("telegram:-2002")).ok());
    const MessageRowId first = add_message(1, at_seconds(10));
    const MessageRowId second = add_message(2, at_seconds(20));
    auto other = store_->insert_message(sample_message(1, at_seconds(30), "telegram:-2002"));
    ASSERT_TRUE(other.ok());
    long_ = add_signal(reading(first, "long", at_seconds(10)));
    none_ = add_signal(reading(second, "none", at_seconds(20)));
    SignalRow short_reading = reading(other->id, "short", at_seconds(30));
    short_reading.channel_id = core::ChannelId("telegram:-2002");
    short_ = add_signal(short_reading);
    SignalRow alert = reading(MessageRowId(), "long", at_seconds(40));
    alert.message = std::nullopt;
    webhook_ = add_signal(alert);

    MessageRow edit = sample_message(1, at_seconds(10));
    edit.text = "BTC/USDT long 68500 sl 66000";
    edit.edited_at = at_seconds(12);
    edit.ts_init = at_seconds(12);
    ASSERT_TRUE(store_->insert_message(edit).value().is_new_version);
  }

  std::vector<SignalRowId> listed(const SignalQuery& query) {
    const auto listing = store_->list_signals(query);
    EXPECT_TRUE(listing.ok()) << listing.error().message();
    std::vector<SignalRowId> ids;
    if (!listing.ok()) return ids;
    for (const SignalListing& row : *listing)
      ids.push_back(row.signal.id);
    return ids;
  }

  SignalRowId long_, none_, short_, webhook_;
};

using SignalIds = std::vector<SignalRowId>;

TEST_F(StoreSignalListings, EverySignalComesNewestFirstWithItsPostsIdAndNewestText) {
  const auto listing = store_->list_signals(SignalQuery{});
  ASSERT_TRUE(listing.ok()) << listing.error().message();
  ASSERT_EQ(listing->size(), 4u);
  EXPECT_EQ((*listing)[0].signal.id, webhook_);
  EXPECT_FALSE((*listing)[0].message_id.has_value());
  EXPECT_EQ((*listing)[0].text, "");
  EXPECT_EQ((*listing)[1].signal.id, short_);
  EXPECT_EQ((*listing)[1].signal.label, "short");
  EXPECT_EQ((*listing)[1].message_id, core::MessageId(1));
  EXPECT_EQ((*listing)[2].signal.id, none_);
  EXPECT_EQ((*listing)[2].message_id, core::MessageId(2));
  EXPECT_EQ((*listing)[3].signal.id, long_);
  EXPECT_EQ((*listing)[3].text, "BTC/USDT long 68500 sl 66000");
}

TEST_F(StoreSignalListings, FiltersNarrowTheListingAndCombine) {
  EXPECT_EQ(listed(SignalQuery{.channel = kChannel}), (SignalIds{webhook_, none_, long_}));
  EXPECT_EQ(listed(SignalQuery{.label = "long"}), (SignalIds{webhook_, long_}));
  EXPECT_EQ(listed(SignalQuery{.channel = kChannel, .label = "none"}), (SignalIds{none_}));
  // ts_init from 20 s (included) to 40 s (excluded).
  EXPECT_EQ(listed(SignalQuery{.from = at_seconds(20), .to = at_seconds(40)}),
            (SignalIds{short_, none_}));
}

TEST_F(StoreSignalListings, PagesFollowEachOtherThroughBeforeAndLimit) {
  EXPECT_EQ(listed(SignalQuery{.limit = 2}), (SignalIds{webhook_, short_}));
  EXPECT_EQ(listed(SignalQuery{.before = short_, .limit = 2}), (SignalIds{none_, long_}));
  EXPECT_EQ(listed(SignalQuery{.before = long_}), SignalIds{});
}

}  // namespace
}  // namespace sigtrader::storage
