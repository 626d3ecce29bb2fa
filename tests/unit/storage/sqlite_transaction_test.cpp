#include <stdexcept>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::sample_channel;

class StoreTransaction : public ::testing::Test {
 protected:
  bool has_user(std::string_view name) { return store_->find_user(name).ok(); }
  bool has_channel() { return store_->find_channel(sample_channel().id).ok(); }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
};

TEST_F(StoreTransaction, WorkThatSucceedsIsCommitted) {
  const auto status = store_->in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(store_->create_user("alice", at_seconds(0)));
    return store_->upsert_channel(sample_channel());
  });
  ASSERT_TRUE(status.ok()) << status.error().message();
  EXPECT_TRUE(has_user("alice"));
  EXPECT_TRUE(has_channel());
  EXPECT_FALSE(store_->connection().in_transaction());
}

TEST_F(StoreTransaction, WorkThatReturnsAnErrorLeavesNothingBehindAndTheErrorIsReturned) {
  const auto status = store_->in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(store_->create_user("alice", at_seconds(0)));
    SIGTRADER_RETURN_IF_ERROR(store_->upsert_channel(sample_channel()));
    return core::Error(core::ErrorCode::kRejected, "changed my mind");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(), "changed my mind");
  EXPECT_FALSE(has_user("alice"));
  EXPECT_FALSE(has_channel());
  EXPECT_FALSE(store_->connection().in_transaction());
}

TEST_F(StoreTransaction, AFailedStatementInsideRollsBackTheWholeWork) {
  const auto status = store_->in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(store_->create_user("alice", at_seconds(0)));
    SIGTRADER_RETURN_IF_ERROR(store_->create_user("alice", at_seconds(1)));  // a duplicate
    return {};
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_FALSE(has_user("alice"));
}

TEST_F(StoreTransaction, WorkThatThrowsIsRolledBackAndTheExceptionContinues) {
  EXPECT_THROW((void)store_->in_transaction([&]() -> core::Status {
    (void)store_->create_user("alice", at_seconds(0));
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_FALSE(has_user("alice"));
  EXPECT_FALSE(store_->connection().in_transaction());
  EXPECT_TRUE(store_->create_user("bob", at_seconds(0)).ok()) << "the store is usable after it";
}

TEST_F(StoreTransaction, ANestedFailureRollsBackOnlyTheNestedWork) {
  const auto status = store_->in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(store_->create_user("alice", at_seconds(0)));
    const auto inner = store_->in_transaction([&]() -> core::Status {
      SIGTRADER_RETURN_IF_ERROR(store_->create_user("bob", at_seconds(0)));
      return core::Error(core::ErrorCode::kRejected, "not bob");
    });
    EXPECT_FALSE(inner.ok());
    const auto kept = store_->in_transaction(
        [&]() -> core::Status { return store_->upsert_channel(sample_channel()); });
    EXPECT_TRUE(kept.ok());
    return {};
  });
  ASSERT_TRUE(status.ok()) << status.error().message();
  EXPECT_TRUE(has_user("alice"));
  EXPECT_FALSE(has_user("bob"));
  EXPECT_TRUE(has_channel());
}

TEST_F(StoreTransaction, AnOuterFailureAlsoRollsBackNestedWorkThatSucceeded) {
  const auto status = store_->in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(store_->in_transaction([&]() -> core::Status {
      return store_->create_user("bob", at_seconds(0)).ok()
                 ? core::Status()
                 : core::Error(core::ErrorCode::kInternal, "bob");
    }));
    return core::Error(core::ErrorCode::kRejected, "outer fails");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_FALSE(has_user("bob"));
}

}  // namespace
}  // namespace sigtrader::storage
