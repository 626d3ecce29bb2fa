#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::sample_channel;
using testing_support::sample_message;

class StoreMessages : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store_->upsert_channel(sample_channel()).ok()); }
  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
};

TEST(StoreUsers, ACreatedUserIsFoundByNameAndById) {
  auto store = testing_support::open_memory_store();
  const auto created = store->create_user("alice", at_seconds(3));
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_GT(created->id.value(), 0);

  const auto by_name = store->find_user("alice");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, created->id);
  EXPECT_EQ(by_name->created_at, at_seconds(3));
  EXPECT_EQ(store->find_user(created->id)->name, "alice");
}

TEST(StoreUsers, ATakenNameIsAlreadyExists) {
  auto store = testing_support::open_memory_store();
  ASSERT_TRUE(store->create_user("alice", at_seconds(0)).ok());
  const auto again = store->create_user("alice", at_seconds(1));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message().find("user 'alice' already exists"), std::string::npos);
}

TEST(StoreUsers, AnUnknownUserIsNotFound) {
  auto store = testing_support::open_memory_store();
  EXPECT_EQ(store->find_user("nobody").error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store->find_user(core::UserId(42)).error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store->create_user("", at_seconds(0)).error().code(),
            core::ErrorCode::kInvalidArgument);
}

TEST_F(StoreMessages, UpsertingAChannelAgainUpdatesItsTitleAndKeepsItsCreationTime) {
  ChannelRow renamed = sample_channel();
  renamed.title = "Crypto Calls VIP";
  renamed.created_at = at_seconds(50);
  renamed.updated_at = at_seconds(50);
  ASSERT_TRUE(store_->upsert_channel(renamed).ok());

  const auto stored = store_->find_channel(renamed.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->title, "Crypto Calls VIP");
  EXPECT_EQ(stored->created_at, at_seconds(0));
  EXPECT_EQ(stored->updated_at, at_seconds(50));
  EXPECT_EQ(store_->list_channels()->size(), 1u);
  EXPECT_EQ(store_->find_channel(core::ChannelId("telegram:-9")).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StoreMessages, AMessageInsertedTwiceIsStoredOnceAndTheSecondInsertSaysSo) {
  MessageRow message = sample_message(42, at_seconds(10));
  message.reply_to = core::MessageId(41);
  message.raw_json = R"({"message_id":42})";
  const auto first = store_->insert_message(message);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(first->is_new);

  message.text = "edited text that must not overwrite the stored post";
  const auto second = store_->insert_message(message);
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_FALSE(second->is_new);
  EXPECT_EQ(second->id, first->id);

  const auto stored = store_->list_messages(message.channel_id, at_seconds(0), at_seconds(100), 10);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().text, "BTC/USDT long 68000 sl 66000 tp 70000");
  EXPECT_EQ(stored->front().reply_to, core::MessageId(41));
  EXPECT_EQ(stored->front().raw_json, R"({"message_id":42})");
  EXPECT_EQ(stored->front().ts_init, at_seconds(10) + core::Duration::milliseconds(150));
}

TEST_F(StoreMessages, EditedTimeAndForwardedFromAreStoredAndReadBack) {
  MessageRow message = sample_message(7, at_seconds(10));
  message.edited_at = at_seconds(20);
  message.forwarded_from = "Whale Alerts";
  ASSERT_TRUE(store_->insert_message(message).ok());
  const auto stored = store_->list_messages(message.channel_id, at_seconds(0), at_seconds(100), 10);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().edited_at, at_seconds(20));
  EXPECT_EQ(stored->front().forwarded_from, "Whale Alerts");
}

TEST_F(StoreMessages, AnEditKeepsTheOriginalAsVersionOneAndTheRowShowsTheNewestText) {
  const MessageRow original = sample_message(42, at_seconds(10));
  const auto first = store_->insert_message(original);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(store_->message_versions(first->id)->empty()) << "no versions before an edit";

  MessageRow edit = original;
  edit.text = "BTC/USDT long 68000 sl 67000 tp 70000";
  edit.edited_at = at_seconds(60);
  edit.ts_init = at_seconds(60);
  const auto edited = store_->insert_message(edit);
  ASSERT_TRUE(edited.ok()) << edited.error().message();
  EXPECT_FALSE(edited->is_new);
  EXPECT_TRUE(edited->is_new_version);
  EXPECT_EQ(edited->id, first->id);

  MessageRow second_edit = edit;
  second_edit.text = "BTC/USDT closed";
  second_edit.edited_at = at_seconds(90);
  second_edit.ts_init = at_seconds(90);
  EXPECT_TRUE(store_->insert_message(second_edit)->is_new_version);

  const auto versions = store_->message_versions(first->id);
  ASSERT_TRUE(versions.ok()) << versions.error().message();
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_EQ(versions->at(0).version, 1);
  EXPECT_EQ(versions->at(0).text, original.text);
  EXPECT_FALSE(versions->at(0).edited_at.has_value());
  EXPECT_EQ(versions->at(0).ts_init, original.ts_init);
  EXPECT_EQ(versions->at(1).version, 2);
  EXPECT_EQ(versions->at(1).text, "BTC/USDT long 68000 sl 67000 tp 70000");
  EXPECT_EQ(versions->at(1).edited_at, at_seconds(60));
  EXPECT_EQ(versions->at(1).ts_init, at_seconds(60));
  EXPECT_EQ(versions->at(2).version, 3);
  EXPECT_EQ(versions->at(2).text, "BTC/USDT closed");

  const auto stored =
      store_->list_messages(original.channel_id, at_seconds(0), at_seconds(100), 10);
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ(stored->front().text, "BTC/USDT closed");
  EXPECT_EQ(stored->front().edited_at, at_seconds(90));
  EXPECT_EQ(stored->front().ts_init, original.ts_init) << "the post was known from its first text";
}

TEST_F(StoreMessages, AnEditOfferedAgainOrAnOlderEditWritesNothing) {
  MessageRow message = sample_message(42, at_seconds(10));
  const auto first = store_->insert_message(message);
  ASSERT_TRUE(first.ok());
  message.text = "edited once";
  message.edited_at = at_seconds(60);
  ASSERT_TRUE(store_->insert_message(message)->is_new_version);

  const auto again = store_->insert_message(message);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_FALSE(again->is_new);
  EXPECT_FALSE(again->is_new_version);

  MessageRow older = message;
  older.text = "an edit from before the stored one";
  older.edited_at = at_seconds(30);
  EXPECT_FALSE(store_->insert_message(older)->is_new_version);
  MessageRow undated = message;
  undated.text = "the original again, from an old export";
  undated.edited_at = std::nullopt;
  EXPECT_FALSE(store_->insert_message(undated)->is_new_version);

  EXPECT_EQ(store_->message_versions(first->id)->size(), 2u);
  const auto stored = store_->list_messages(message.channel_id, at_seconds(0), at_seconds(100), 10);
  EXPECT_EQ(stored->front().text, "edited once");
}

TEST_F(StoreMessages, TheSamePostIdInAnotherChannelIsAnotherMessage) {
  ASSERT_TRUE(store_->upsert_channel(sample_channel("telegram:-1002")).ok());
  EXPECT_TRUE(store_->insert_message(sample_message(1, at_seconds(0)))->is_new);
  EXPECT_TRUE(store_->insert_message(sample_message(1, at_seconds(0), "telegram:-1002"))->is_new);
}

TEST_F(StoreMessages, MessagesAreListedOldestFirstWithinAHalfOpenWindowUpToTheLimit) {
  for (const int second : {30, 10, 20, 40}) {
    ASSERT_TRUE(store_->insert_message(sample_message(second, at_seconds(second))).ok());
  }
  const core::ChannelId channel("telegram:-1001");
  const auto window = store_->list_messages(channel, at_seconds(10), at_seconds(40), 10);
  ASSERT_TRUE(window.ok());
  ASSERT_EQ(window->size(), 3u);
  EXPECT_EQ(window->at(0).message_id, core::MessageId(10));
  EXPECT_EQ(window->at(1).message_id, core::MessageId(20));
  EXPECT_EQ(window->at(2).message_id, core::MessageId(30));

  const auto limited = store_->list_messages(channel, at_seconds(0), at_seconds(100), 2);
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ(limited->back().message_id, core::MessageId(20));
}

TEST_F(StoreMessages, ASignalIsStoredWithItsMessageAndReadBackExactly) {
  const auto message = store_->insert_message(sample_message(42, at_seconds(10)));
  ASSERT_TRUE(message.ok());
  const SignalRow signal{
      .id = {},
      .message = message->id,
      .channel_id = core::ChannelId("telegram:-1001"),
      .ts_event = at_seconds(10),
      .ts_init = at_seconds(11),
      .label = "long",
      .confidence = 0.875,
      .classifier = "rules",
      .symbol = core::Symbol{.base = "PEPE", .quote = "USDT"},
      .side = core::PositionSide::kLong,
      .entries = {core::Price::parse("0.00001234"), core::Price::parse("0.00001200")},
      .targets = {core::Price::parse("0.0000130"), core::Price::parse("0.000015")},
      .stop_loss = core::Price::parse("0.00001100"),
      .leverage = 10,
      .trace_id = core::TraceId("trace-7"),
  };
  const auto id = store_->insert_signal(signal);
  ASSERT_TRUE(id.ok()) << id.error().message();

  const auto stored = store_->signals_for_message(message->id);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  ASSERT_EQ(stored->size(), 1u);
  const SignalRow& row = stored->front();
  EXPECT_EQ(row.id, *id);
  EXPECT_EQ(row.symbol->to_string(), "PEPE/USDT");
  EXPECT_EQ(row.side, core::PositionSide::kLong);
  ASSERT_EQ(row.entries.size(), 2u);
  EXPECT_EQ(row.entries[0].to_string(), "0.00001234");
  EXPECT_EQ(row.entries[1].to_string(), "0.00001200");
  EXPECT_EQ(row.targets[0].to_string(), "0.0000130");
  EXPECT_EQ(row.stop_loss->to_string(), "0.00001100");
  EXPECT_EQ(row.leverage, 10);
  EXPECT_DOUBLE_EQ(row.confidence, 0.875);
  EXPECT_EQ(row.trace_id, core::TraceId("trace-7"));
}

}  // namespace
}  // namespace sigtrader::storage
