// HTTP API keys: stored by hash, found by prefix, touched when used, revoked but kept.
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

class StoreApiKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = store_->create_user("alice", at_seconds(0)).value().id;
    bob_ = store_->create_user("bob", at_seconds(0)).value().id;
  }

  ApiKeyRow key_of(core::UserId user, std::string prefix, std::string scopes = "read") const {
    return ApiKeyRow{
        .id = {},
        .user_id = user,
        .prefix = std::move(prefix),
        .key_hash = std::string(64, 'a'),
        .scopes = std::move(scopes),
        .created_at = at_seconds(10),
    };
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
  core::UserId bob_;
};

TEST_F(StoreApiKeys, AKeyIsFoundByItsPrefixWithEveryField) {
  const auto id = store_->insert_api_key(key_of(alice_, "sgt_3f9a1c2b", "read,trade"));
  ASSERT_TRUE(id.ok()) << id.error().message();

  const auto found = store_->find_api_key("sgt_3f9a1c2b");
  ASSERT_TRUE(found.ok()) << found.error().message();
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->user_id, alice_);
  EXPECT_EQ(found->prefix, "sgt_3f9a1c2b");
  EXPECT_EQ(found->key_hash, std::string(64, 'a'));
  EXPECT_EQ(found->scopes, "read,trade");
  EXPECT_EQ(found->created_at, at_seconds(10));
  EXPECT_FALSE(found->last_used_at.has_value());
  EXPECT_FALSE(found->revoked_at.has_value());
}

TEST_F(StoreApiKeys, ASecondKeyWithATakenPrefixIsAlreadyExists) {
  ASSERT_TRUE(store_->insert_api_key(key_of(alice_, "sgt_dup")).ok());
  const auto again = store_->insert_api_key(key_of(bob_, "sgt_dup"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_NE(again.error().message().find("'sgt_dup'"), std::string::npos)
      << again.error().message();
  EXPECT_EQ(store_->find_api_key("sgt_dup")->user_id, alice_);
}

TEST_F(StoreApiKeys, AnUnknownPrefixIsNotFound) {
  const auto found = store_->find_api_key("sgt_nope");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(found.error().message().find("sgt_nope"), std::string::npos);
}

TEST_F(StoreApiKeys, AKeyOfAnUnknownUserIsRefused) {
  const auto id = store_->insert_api_key(key_of(core::UserId(99), "sgt_ghost"));
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message().find("FOREIGN KEY"), std::string::npos) << id.error().message();
}

TEST_F(StoreApiKeys, AUserSeesOnlyTheirOwnKeysInTheOrderTheyWereMade) {
  ASSERT_TRUE(store_->insert_api_key(key_of(alice_, "sgt_b")).ok());
  ASSERT_TRUE(store_->insert_api_key(key_of(bob_, "sgt_bob")).ok());
  ASSERT_TRUE(store_->insert_api_key(key_of(alice_, "sgt_a")).ok());

  const auto keys = store_->list_api_keys(alice_);
  ASSERT_TRUE(keys.ok()) << keys.error().message();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].prefix, "sgt_b");
  EXPECT_EQ((*keys)[1].prefix, "sgt_a");
  EXPECT_TRUE(store_->list_api_keys(core::UserId(99))->empty());
}

TEST_F(StoreApiKeys, TouchingAKeyRecordsWhenItWasLastUsed) {
  const auto id = store_->insert_api_key(key_of(alice_, "sgt_used"));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(store_->touch_api_key(*id, at_seconds(20)).ok());
  ASSERT_TRUE(store_->touch_api_key(*id, at_seconds(30)).ok());
  EXPECT_EQ(store_->find_api_key("sgt_used")->last_used_at, at_seconds(30));
  EXPECT_EQ(store_->touch_api_key(ApiKeyRowId(99), at_seconds(40)).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StoreApiKeys, ARevokedKeyIsStillFoundAndListedWithWhenItWasRevoked) {
  ASSERT_TRUE(store_->insert_api_key(key_of(alice_, "sgt_old")).ok());
  ASSERT_TRUE(store_->revoke_api_key("sgt_old", at_seconds(50)).ok());

  const auto found = store_->find_api_key("sgt_old");
  ASSERT_TRUE(found.ok()) << found.error().message();
  EXPECT_EQ(found->revoked_at, at_seconds(50));
  ASSERT_EQ(store_->list_api_keys(alice_)->size(), 1u);
  EXPECT_EQ(store_->list_api_keys(alice_)->front().revoked_at, at_seconds(50));
}

TEST_F(StoreApiKeys, RevokingTwiceKeepsTheFirstInstant) {
  ASSERT_TRUE(store_->insert_api_key(key_of(alice_, "sgt_old")).ok());
  ASSERT_TRUE(store_->revoke_api_key("sgt_old", at_seconds(50)).ok());
  ASSERT_TRUE(store_->revoke_api_key("sgt_old", at_seconds(60)).ok());
  EXPECT_EQ(store_->find_api_key("sgt_old")->revoked_at, at_seconds(50));
}

TEST_F(StoreApiKeys, RevokingAnUnknownPrefixIsNotFound) {
  const auto status = store_->revoke_api_key("sgt_nope", at_seconds(50));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(status.error().message().find("sgt_nope"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::storage
