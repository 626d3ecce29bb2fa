#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::sample_channel;
using testing_support::sample_message;

class StoreLabels : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_->upsert_channel(sample_channel("telegram:-1001")).ok());
    ASSERT_TRUE(store_->upsert_channel(sample_channel("telegram:-2002")).ok());
  }

  MessageRowId add(std::int64_t message_id, std::string text,
                   std::string channel = "telegram:-1001") {
    MessageRow message = sample_message(message_id, at_seconds(message_id), std::move(channel));
    message.text = std::move(text);
    const auto inserted = store_->insert_message(message);
    EXPECT_TRUE(inserted.ok()) << inserted.error().message();
    return inserted->id;
  }

  LabelRow label(MessageRowId message, std::string labeler, std::string label_text,
                 std::int64_t at = 100) {
    return LabelRow{.id = {},
                    .message = message,
                    .labeler = std::move(labeler),
                    .label = std::move(label_text),
                    .entities_json = R"({"symbol":null})",
                    .created_at = at_seconds(at)};
  }

  std::vector<std::int64_t> unlabeled_ids(UnlabeledQuery query) {
    const auto messages = store_->unlabeled_messages(query);
    EXPECT_TRUE(messages.ok()) << messages.error().message();
    std::vector<std::int64_t> ids;
    for (const MessageRow& message : *messages)
      ids.push_back(message.message_id.value());
    return ids;
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
};

TEST_F(StoreLabels, AStoredLabelIsReadBackWithItsLabelerTimeAndEntities) {
  const MessageRowId message = add(1, "BTC long");
  const auto id = store_->put_label(label(message, "alice", "long", 5));
  ASSERT_TRUE(id.ok()) << id.error().message();

  const auto labels = store_->labels_for_message(message);
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ(labels->front().id, *id);
  EXPECT_EQ(labels->front().message, message);
  EXPECT_EQ(labels->front().labeler, "alice");
  EXPECT_EQ(labels->front().label, "long");
  EXPECT_EQ(labels->front().entities_json, R"({"symbol":null})");
  EXPECT_EQ(labels->front().created_at, at_seconds(5));
}

TEST_F(StoreLabels, LabelingAgainReplacesTheLabelersLabelAndKeepsOthers) {
  const MessageRowId message = add(1, "BTC long");
  const auto first = store_->put_label(label(message, "alice", "long", 5));
  ASSERT_TRUE(store_->put_label(label(message, "bob", "none", 6)).ok());
  const auto second = store_->put_label(label(message, "alice", "update", 7));
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(*second, *first);

  const auto labels = store_->labels_for_message(message);
  ASSERT_EQ(labels->size(), 2u);
  EXPECT_EQ(labels->at(0).labeler, "alice");
  EXPECT_EQ(labels->at(0).label, "update");
  EXPECT_EQ(labels->at(0).created_at, at_seconds(7));
  EXPECT_EQ(labels->at(1).labeler, "bob");
  EXPECT_EQ(labels->at(1).label, "none");
}

TEST_F(StoreLabels, ALabelOfAMissingMessageIsRefused) {
  EXPECT_FALSE(store_->put_label(label(MessageRowId(999), "alice", "long")).ok());
}

TEST_F(StoreLabels, DeletingALabelRemovesOnlyThatLabelersAndAMissingOneIsNotFound) {
  const MessageRowId message = add(1, "BTC long");
  ASSERT_TRUE(store_->put_label(label(message, "alice", "long")).ok());
  ASSERT_TRUE(store_->put_label(label(message, "bob", "long")).ok());

  ASSERT_TRUE(store_->delete_label(message, "alice").ok());
  const auto labels = store_->labels_for_message(message);
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ(labels->front().labeler, "bob");

  const core::Status again = store_->delete_label(message, "alice");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreLabels, UnlabeledMessagesAreTheLabelersOwnByIdAfterACursor) {
  const MessageRowId first = add(10, "one");
  add(11, "two");
  const MessageRowId third = add(12, "three");
  add(13, "four", "telegram:-2002");
  ASSERT_TRUE(store_->put_label(label(third, "alice", "none")).ok());
  ASSERT_TRUE(store_->put_label(label(first, "bob", "none")).ok());

  EXPECT_EQ(unlabeled_ids({.labeler = "alice"}), (std::vector<std::int64_t>{10, 11, 13}));
  EXPECT_EQ(unlabeled_ids({.labeler = "bob"}), (std::vector<std::int64_t>{11, 12, 13}));
  EXPECT_EQ(unlabeled_ids({.labeler = "alice", .after = first}),
            (std::vector<std::int64_t>{11, 13}));
  EXPECT_EQ(unlabeled_ids({.labeler = "alice", .limit = 1}), (std::vector<std::int64_t>{10}));
  EXPECT_EQ(unlabeled_ids({.labeler = "alice", .channel = core::ChannelId("telegram:-2002")}),
            (std::vector<std::int64_t>{13}));
}

TEST_F(StoreLabels, SearchMatchesAFragmentInAnyAsciiCaseAndTakesPercentAndUnderscoreLiterally) {
  add(1, "BTC/USDT LONG now");
  add(2, "eth long 100% sure");
  add(3, "eth long 1000 sure");
  add(4, "snake_case");
  add(5, "snakeXcase");

  EXPECT_EQ(unlabeled_ids({.labeler = "a", .containing = "long"}),
            (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(unlabeled_ids({.labeler = "a", .containing = "100%"}), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(unlabeled_ids({.labeler = "a", .containing = "e_c"}), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(unlabeled_ids({.labeler = "a", .containing = "\\"}), (std::vector<std::int64_t>{}));
}

TEST_F(StoreLabels, CountsAreOfAllMessagesOrOneChannel) {
  const MessageRowId first = add(1, "one");
  add(2, "two");
  const MessageRowId other = add(3, "three", "telegram:-2002");
  ASSERT_TRUE(store_->put_label(label(first, "alice", "none")).ok());
  ASSERT_TRUE(store_->put_label(label(other, "alice", "none")).ok());
  ASSERT_TRUE(store_->put_label(label(other, "bob", "none")).ok());

  EXPECT_EQ(*store_->count_messages(std::nullopt), 3);
  EXPECT_EQ(*store_->count_messages(core::ChannelId("telegram:-1001")), 2);
  EXPECT_EQ(*store_->count_labeled("alice", std::nullopt), 2);
  EXPECT_EQ(*store_->count_labeled("alice", core::ChannelId("telegram:-1001")), 1);
  EXPECT_EQ(*store_->count_labeled("carol", std::nullopt), 0);
}

TEST_F(StoreLabels, LabeledMessagesComeWithTheirTextByMessageThenLabeler) {
  const MessageRowId first = add(1, "one");
  const MessageRowId second = add(2, "two");
  add(3, "three");
  ASSERT_TRUE(store_->put_label(label(second, "bob", "short")).ok());
  ASSERT_TRUE(store_->put_label(label(first, "bob", "long")).ok());
  ASSERT_TRUE(store_->put_label(label(first, "alice", "none")).ok());

  const auto all = store_->labeled_messages(std::nullopt);
  ASSERT_TRUE(all.ok()) << all.error().message();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).label.labeler, "alice");
  EXPECT_EQ(all->at(0).message.text, "one");
  EXPECT_EQ(all->at(1).label.labeler, "bob");
  EXPECT_EQ(all->at(1).label.label, "long");
  EXPECT_EQ(all->at(2).message.text, "two");
  EXPECT_EQ(all->at(2).message.channel_id.str(), "telegram:-1001");
  EXPECT_EQ(all->at(2).message.message_id.value(), 2);

  const auto bobs = store_->labeled_messages(std::string("bob"));
  ASSERT_EQ(bobs->size(), 2u);
  EXPECT_EQ(bobs->at(0).label.label, "long");
  EXPECT_EQ(bobs->at(1).label.label, "short");
}

}  // namespace
}  // namespace sigtrader::storage
