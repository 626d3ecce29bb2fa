// Operator commands: queued by the API, taken and finished by a paper session, replayed by step.
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

class StoreCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = store_->create_user("alice", at_seconds(0)).value().id;
    bob_ = store_->create_user("bob", at_seconds(0)).value().id;
    PaperSessionRow session;
    session.user_id = alice_;
    session.name = "default";
    session.setup_hash = "fnv1a64:00000000000000aa";
    session.created_at = at_seconds(1);
    session.updated_at = at_seconds(1);
    session_ = store_->create_paper_session(session).value();
  }

  OperatorCommandId queue(core::UserId user, std::string kind, std::string args = "{}",
                          std::int64_t at = 5) {
    const auto id = store_->insert_operator_command(OperatorCommandRow{
        .id = {},
        .user_id = user,
        .kind = std::move(kind),
        .args_json = std::move(args),
        .who = "alice",
        .status = "pending",
        .result = "",
        .created_at = at_seconds(at),
    });
    EXPECT_TRUE(id.ok()) << id.error().message();
    return *id;
  }

  // The row as a session records it after applying (or failing) it.
  OperatorCommandRow finished(OperatorCommandId id, std::string status, std::int64_t step) const {
    auto row = store_->find_operator_command(id).value();
    row.status = std::move(status);
    row.result = "done";
    row.applied_at = at_seconds(100 + step);
    row.session = session_;
    row.step = step;
    return row;
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
  core::UserId bob_;
  PaperSessionId session_;
};

TEST_F(StoreCommands, AQueuedCommandIsPendingWithItsArgumentsAndWho) {
  const OperatorCommandId id =
      queue(alice_, "cancel_order", R"({"client_order_id":"p1-3"})", /*at=*/7);
  const auto stored = store_->find_operator_command(id);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_EQ(stored->user_id, alice_);
  EXPECT_EQ(stored->kind, "cancel_order");
  EXPECT_EQ(stored->args_json, R"({"client_order_id":"p1-3"})");
  EXPECT_EQ(stored->who, "alice");
  EXPECT_EQ(stored->status, "pending");
  EXPECT_EQ(stored->result, "");
  EXPECT_EQ(stored->created_at, at_seconds(7));
  EXPECT_FALSE(stored->applied_at.has_value());
  EXPECT_FALSE(stored->session.has_value());
  EXPECT_FALSE(stored->step.has_value());
}

TEST_F(StoreCommands, AnUnknownCommandIdIsNotFound) {
  EXPECT_EQ(store_->find_operator_command(OperatorCommandId(9)).error().code(),
            core::ErrorCode::kNotFound);
  OperatorCommandRow ghost;
  ghost.id = OperatorCommandId(9);
  ghost.status = "applied";
  EXPECT_EQ(store_->finish_operator_command(ghost).error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreCommands, PendingCommandsAreTheUsersOwnOldestFirstUpToTheLimit) {
  const OperatorCommandId first = queue(alice_, "set_policy");
  queue(bob_, "resume_breaker");
  const OperatorCommandId third = queue(alice_, "resume_breaker");
  const OperatorCommandId fourth = queue(alice_, "close_position");

  const auto two = store_->pending_operator_commands(alice_, 2);
  ASSERT_TRUE(two.ok()) << two.error().message();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].id, first);
  EXPECT_EQ((*two)[1].id, third);

  ASSERT_TRUE(store_->finish_operator_command(finished(first, "applied", 3)).ok());
  const auto rest = store_->pending_operator_commands(alice_, 10);
  ASSERT_EQ(rest->size(), 2u);
  EXPECT_EQ((*rest)[0].id, third);
  EXPECT_EQ((*rest)[1].id, fourth);
}

TEST_F(StoreCommands, FinishingRecordsTheOutcomeSessionAndStep) {
  const OperatorCommandId id = queue(alice_, "cancel_order");
  OperatorCommandRow outcome = finished(id, "failed", 4);
  outcome.result = "order p1-9 is not open in paper session 1";
  ASSERT_TRUE(store_->finish_operator_command(outcome).ok());

  const auto stored = store_->find_operator_command(id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, "failed");
  EXPECT_EQ(stored->result, "order p1-9 is not open in paper session 1");
  EXPECT_EQ(stored->applied_at, at_seconds(104));
  EXPECT_EQ(stored->session, session_);
  EXPECT_EQ(stored->step, 4);
}

TEST_F(StoreCommands, ACommandThatIsNoLongerPendingCannotBeFinishedAgain) {
  const OperatorCommandId id = queue(alice_, "set_policy");
  ASSERT_TRUE(store_->finish_operator_command(finished(id, "applied", 2)).ok());

  OperatorCommandRow second = finished(id, "failed", 5);
  second.result = "a second engine";
  const auto status = store_->finish_operator_command(second);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kRejected);
  EXPECT_NE(status.error().message().find("already applied"), std::string::npos)
      << status.error().message();
  const auto stored = store_->find_operator_command(id);
  EXPECT_EQ(stored->status, "applied");
  EXPECT_EQ(stored->step, 2);
  EXPECT_EQ(stored->result, "done");
}

TEST_F(StoreCommands, ACommandFinishesOnlyAsAppliedOrFailed) {
  const OperatorCommandId id = queue(alice_, "set_policy");
  const auto status = store_->finish_operator_command(finished(id, "pending", 1));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store_->find_operator_command(id)->status, "pending");
}

TEST_F(StoreCommands, ASessionsAppliedCommandsComeByStepThenIdWithoutTheFailedOnes) {
  const OperatorCommandId a = queue(alice_, "set_policy");
  const OperatorCommandId b = queue(alice_, "cancel_order");
  const OperatorCommandId c = queue(alice_, "resume_breaker");
  const OperatorCommandId d = queue(alice_, "close_position");
  queue(alice_, "approve");  // still pending: not part of the session's history
  // Applied out of id order: c and d at step 2, a at step 7; b failed at step 2.
  ASSERT_TRUE(store_->finish_operator_command(finished(d, "applied", 2)).ok());
  ASSERT_TRUE(store_->finish_operator_command(finished(c, "applied", 2)).ok());
  ASSERT_TRUE(store_->finish_operator_command(finished(b, "failed", 2)).ok());
  ASSERT_TRUE(store_->finish_operator_command(finished(a, "applied", 7)).ok());

  const auto history = store_->session_operator_commands(session_);
  ASSERT_TRUE(history.ok()) << history.error().message();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].id, c);
  EXPECT_EQ((*history)[1].id, d);
  EXPECT_EQ((*history)[2].id, a);
  EXPECT_TRUE(store_->session_operator_commands(PaperSessionId(99))->empty());
}

TEST_F(StoreCommands, AnUnknownStatusIsRefusedByTheSchema) {
  const auto status = store_->connection().execute_script(
      "INSERT INTO operator_commands (user_id, kind, status, created_at) "
      "VALUES (1, 'set_policy', 'done', 0)");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("CHECK constraint failed"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::storage
