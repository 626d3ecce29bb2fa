// Users and their API roles (schema version 8).
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

class StoreUserRoles : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
};

TEST_F(StoreUserRoles, ANewUserIsATraderUntilGivenAnotherRole) {
  const auto alice = store_->create_user("alice", at_seconds(0));
  ASSERT_TRUE(alice.ok()) << alice.error().message();
  EXPECT_EQ(alice->role, "trader");
  EXPECT_EQ(store_->find_user("alice")->role, "trader");

  ASSERT_TRUE(store_->set_user_role(alice->id, "admin").ok());
  EXPECT_EQ(store_->find_user("alice")->role, "admin");
  EXPECT_EQ(store_->find_user(alice->id)->role, "admin");
  ASSERT_TRUE(store_->set_user_role(alice->id, "viewer").ok());
  EXPECT_EQ(store_->find_user(alice->id)->role, "viewer");
}

TEST_F(StoreUserRoles, ARoleOtherThanAdminTraderOrViewerIsRefusedAndTheStoredOneKept) {
  const auto alice = store_->create_user("alice", at_seconds(0));
  ASSERT_TRUE(alice.ok());
  const auto status = store_->set_user_role(alice->id, "root");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(status.error().message().find("'root'"), std::string::npos) << status.error().message();
  EXPECT_EQ(store_->find_user(alice->id)->role, "trader");
}

TEST_F(StoreUserRoles, TheSchemaItselfRefusesAnUnknownRole) {
  ASSERT_TRUE(store_->create_user("alice", at_seconds(0)).ok());
  const auto status =
      store_->connection().execute_script("UPDATE users SET role = 'owner' WHERE name = 'alice'");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("CHECK constraint failed"), std::string::npos)
      << status.error().message();
}

TEST_F(StoreUserRoles, SettingTheRoleOfAnUnknownUserIsNotFound) {
  const auto status = store_->set_user_role(core::UserId(42), "viewer");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(status.error().message().find("42"), std::string::npos);
}

TEST_F(StoreUserRoles, UsersAreListedByIdWithTheirRoles) {
  EXPECT_TRUE(store_->list_users().value().empty());
  const auto carol = store_->create_user("carol", at_seconds(1));
  const auto alice = store_->create_user("alice", at_seconds(2));
  ASSERT_TRUE(carol.ok() && alice.ok());
  ASSERT_TRUE(store_->set_user_role(alice->id, "admin").ok());

  const auto users = store_->list_users();
  ASSERT_TRUE(users.ok()) << users.error().message();
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "carol");
  EXPECT_EQ((*users)[0].role, "trader");
  EXPECT_EQ((*users)[0].created_at, at_seconds(1));
  EXPECT_EQ((*users)[1].name, "alice");
  EXPECT_EQ((*users)[1].role, "admin");
}

}  // namespace
}  // namespace sigtrader::storage
