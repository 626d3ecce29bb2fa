// Paper sessions, their journaled signals, and the queries a resumed session reads.
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::sample_order;

const core::ChannelId kCalls("telegram:-1001");

class StorePaper : public ::testing::Test {
 protected:
  void SetUp() override {
    auto alice = store_->create_user("alice", at_seconds(0));
    ASSERT_TRUE(alice.ok());
    alice_ = alice->id;
    ASSERT_TRUE(store_
                    ->upsert_channel(ChannelRow{.id = kCalls,
                                                .source = "telegram",
                                                .title = "Calls",
                                                .created_at = at_seconds(0),
                                                .updated_at = at_seconds(0)})
                    .ok());
  }

  PaperSessionRow session_named(std::string name) const {
    PaperSessionRow row;
    row.user_id = alice_;
    row.name = std::move(name);
    row.setup_hash = "fnv1a64:00000000000000aa";
    row.status = "running";
    row.created_at = at_seconds(1);
    row.updated_at = at_seconds(1);
    return row;
  }

  // A post and its reading; an update refers to `refers_to`.
  SignalRowId store_signal(std::int64_t message, std::string label,
                           std::optional<SignalRowId> refers_to = std::nullopt) {
    auto inserted = store_->insert_message(MessageRow{.id = {},
                                                      .channel_id = kCalls,
                                                      .message_id = core::MessageId(message),
                                                      .ts_event = at_seconds(message),
                                                      .ts_init = at_seconds(message),
                                                      .text = "post",
                                                      .reply_to = std::nullopt,
                                                      .raw_json = std::nullopt,
                                                      .edited_at = std::nullopt,
                                                      .forwarded_from = std::nullopt});
    EXPECT_TRUE(inserted.ok());
    SignalRow signal;
    signal.message = inserted->id;
    signal.channel_id = kCalls;
    signal.ts_event = at_seconds(message);
    signal.ts_init = at_seconds(message);
    signal.label = std::move(label);
    signal.classifier = "rules";
    signal.refers_to = refers_to;
    auto id = store_->insert_signal(signal);
    EXPECT_TRUE(id.ok());
    return *id;
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
};

TEST_F(StorePaper, ASessionIsFoundByNameWhileRunningOrStoppedAndNotOnceFinished) {
  const auto first = store_->create_paper_session(session_named("default"));
  ASSERT_TRUE(first.ok()) << first.error().message();
  auto found = store_->find_resumable_paper_session(alice_, "default");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *first);
  EXPECT_EQ(found->setup_hash, "fnv1a64:00000000000000aa");
  EXPECT_FALSE(found->checkpoint.has_value());

  ASSERT_TRUE(store_->set_paper_session_status(*first, "stopped", at_seconds(2)).ok());
  EXPECT_TRUE(store_->find_resumable_paper_session(alice_, "default").ok());
  EXPECT_EQ(store_->find_resumable_paper_session(alice_, "other").error().code(),
            core::ErrorCode::kNotFound);

  ASSERT_TRUE(store_->set_paper_session_status(*first, "finished", at_seconds(3)).ok());
  EXPECT_EQ(store_->find_resumable_paper_session(alice_, "default").error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->find_paper_session(*first)->status, "finished");
}

TEST_F(StorePaper, AnUnknownStatusIsRefusedByTheSchema) {
  const auto id = store_->create_paper_session(session_named("default"));
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(store_->set_paper_session_status(*id, "paused", at_seconds(2)).ok());
  EXPECT_EQ(store_->find_paper_session(*id)->status, "running");
}

TEST_F(StorePaper, ACheckpointKeepsTheInstantStepsAndState) {
  const auto id = store_->create_paper_session(session_named("default"));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_
                  ->checkpoint_paper_session(*id, PaperCheckpoint{.instant = at_seconds(3600),
                                                                  .steps = 7,
                                                                  .state_json = R"({"a":1})",
                                                                  .updated_at = at_seconds(9)})
                  .ok());
  const auto stored = store_->find_paper_session(*id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->checkpoint, at_seconds(3600));
  EXPECT_EQ(stored->steps, 7);
  EXPECT_EQ(stored->state_json, R"({"a":1})");
  EXPECT_EQ(stored->updated_at, at_seconds(9));
  EXPECT_EQ(store_->checkpoint_paper_session(PaperSessionId(99), PaperCheckpoint{}).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StorePaper, JournaledSignalsComeBackInSequenceAndTheCursorOnlyMovesForward) {
  const SignalRowId a = store_signal(1, "long");
  const SignalRowId b = store_signal(2, "short");
  const auto id = store_->create_paper_session(session_named("default"));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_
                  ->record_paper_signals(
                      *id,
                      {PaperSignalRow{.sequence = 0, .signal = a, .due_at = at_seconds(60)},
                       PaperSignalRow{
                           .sequence = 1, .signal = b, .due_at = at_seconds(30), .after_step = 4}},
                      b)
                  .ok());
  ASSERT_TRUE(store_->record_paper_signals(*id, {}, a).ok());  // an older cursor changes nothing
  const auto journal = store_->paper_session_signals(*id);
  ASSERT_TRUE(journal.ok());
  ASSERT_EQ(journal->size(), 2u);
  EXPECT_EQ((*journal)[0].signal, a);
  EXPECT_EQ((*journal)[1].signal, b);
  EXPECT_EQ((*journal)[1].due_at, at_seconds(30));
  EXPECT_EQ((*journal)[1].after_step, 4);
  EXPECT_EQ(store_->find_paper_session(*id)->signal_cursor, b);

  // The same signal twice in one session is refused, and nothing of that call is kept.
  EXPECT_FALSE(store_
                   ->record_paper_signals(
                       *id, {PaperSignalRow{.sequence = 2, .signal = a, .due_at = at_seconds(1)}},
                       SignalRowId(b.value() + 5))
                   .ok());
  EXPECT_EQ(store_->paper_session_signals(*id)->size(), 2u);
  EXPECT_EQ(store_->find_paper_session(*id)->signal_cursor, b);
}

TEST_F(StorePaper, SignalsAfterACursorCarryTheMessageIdsOfTheirPostAndOfTheSignalTheyReferTo) {
  const SignalRowId entry = store_signal(41, "long");
  const SignalRowId update = store_signal(42, "update", entry);
  const auto after_none = store_->signals_after(SignalRowId(0), 10);
  ASSERT_TRUE(after_none.ok());
  ASSERT_EQ(after_none->size(), 2u);
  EXPECT_EQ((*after_none)[0].signal.id, entry);
  EXPECT_EQ((*after_none)[0].message_id, core::MessageId(41));
  EXPECT_FALSE((*after_none)[0].refers_to_message_id.has_value());
  EXPECT_EQ((*after_none)[1].refers_to_message_id, core::MessageId(41));

  const auto after_entry = store_->signals_after(entry, 10);
  ASSERT_TRUE(after_entry.ok());
  ASSERT_EQ(after_entry->size(), 1u);
  EXPECT_EQ((*after_entry)[0].signal.id, update);
  EXPECT_EQ(store_->signals_after(entry, 0)->size(), 0u);
  EXPECT_EQ(store_->find_signal_with_post(update)->message_id, core::MessageId(42));
  EXPECT_EQ(store_->find_signal_with_post(SignalRowId(99)).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StorePaper, OrdersAreListedByTheirClientIdPrefixOnly) {
  for (const char* id : {"p1-5-1", "p1-liq-1", "p10-5-1", "p2-5-1", "p1-5-2"}) {
    ASSERT_TRUE(store_->insert_order(sample_order(alice_, id, at_seconds(5))).ok());
  }
  const auto orders = store_->orders_with_client_prefix("p1-");
  ASSERT_TRUE(orders.ok());
  ASSERT_EQ(orders->size(), 3u);
  EXPECT_EQ((*orders)[0].client_order_id.str(), "p1-5-1");  // by row id: insertion order
  EXPECT_EQ((*orders)[1].client_order_id.str(), "p1-liq-1");
  EXPECT_EQ((*orders)[2].client_order_id.str(), "p1-5-2");
}

TEST_F(StorePaper, TheLatestSessionIsTheUsersNewestWhateverItsStatus) {
  EXPECT_EQ(store_->latest_paper_session(alice_).error().code(), core::ErrorCode::kNotFound);
  const auto first = store_->create_paper_session(session_named("default"));
  const auto second = store_->create_paper_session(session_named("other"));
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(store_->set_paper_session_status(*second, "failed", at_seconds(2)).ok());
  const auto bob = store_->create_user("bob", at_seconds(0));
  ASSERT_TRUE(bob.ok());
  PaperSessionRow bobs = session_named("default");
  bobs.user_id = bob->id;
  ASSERT_TRUE(store_->create_paper_session(bobs).ok());

  const auto latest = store_->latest_paper_session(alice_);
  ASSERT_TRUE(latest.ok()) << latest.error().message();
  EXPECT_EQ(latest->id, *second);
  EXPECT_EQ(latest->name, "other");
  EXPECT_EQ(latest->status, "failed");
}

}  // namespace
}  // namespace sigtrader::storage
