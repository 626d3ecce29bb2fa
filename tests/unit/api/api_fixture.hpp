#pragma once

// A database with users of every role and their keys, and an ApiServer on it, for the API tests.

#include <memory>
#include <string>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "api/api_keys.hpp"
#include "api/api_server.hpp"
#include "storage/sqlite_store.hpp"
#include "support/raw_http_client.hpp"
#include "support/temp_dir.hpp"

namespace sigtrader::api {

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = (dir_.path() / "api.db").string();
    auto store = storage::SqliteStore::open(db_path_);
    ASSERT_TRUE(store.ok()) << store.error().message();
    store_ = std::move(*store);
    alice_ = add_user("alice", "trader", alice_key_);
    bob_ = add_user("bob", "trader", bob_key_);
    viewer_ = add_user("vera", "viewer", viewer_key_);
    admin_ = add_user("root", "admin", admin_key_);
    services_.open_store = [this]() -> core::Result<std::unique_ptr<storage::Store>> {
      SIGTRADER_TRY(auto store, storage::SqliteStore::open(db_path_));
      return std::unique_ptr<storage::Store>(std::move(store));
    };
    options_.http.address = "127.0.0.1";
    options_.http.port = 0;
  }

  void start() {
    auto server = ApiServer::start(options_, services_);
    ASSERT_TRUE(server.ok()) << server.error().message();
    server_ = std::move(*server);
  }
  void restart() {
    server_.reset();
    start();
  }
  std::uint16_t port() const { return server_->port(); }
  core::Timestamp now() const { return core::Timestamp::from_seconds(1'700'000'000); }
  static core::Timestamp day(int n) {
    return core::Timestamp::from_seconds(86'400LL * (19'000 + n));
  }

  core::UserId add_user(const std::string& name, const std::string& role, std::string& key_out) {
    auto user = store_->create_user(name, now());
    EXPECT_TRUE(user.ok());
    EXPECT_TRUE(store_->set_user_role(user->id, role).ok());
    const auto key = generate_api_key();
    storage::ApiKeyRow row;
    row.user_id = user->id;
    row.prefix = key->prefix;
    row.key_hash = key->hash;
    row.created_at = now();
    EXPECT_TRUE(store_->insert_api_key(row).ok());
    key_out = key->key;
    return user->id;
  }

  // A running paper session whose checkpoint holds one long of 0.1 BTC at 58000, marked at 60000.
  void add_paper_session(core::UserId user) {
    storage::PaperSessionRow session;
    session.user_id = user;
    session.name = "default";
    session.setup_hash = "h";
    session.created_at = now();
    session.updated_at = now();
    const auto id = store_->create_paper_session(session);
    ASSERT_TRUE(id.ok()) << id.error().message();
    ASSERT_TRUE(
        store_
            ->checkpoint_paper_session(
                *id,
                storage::PaperCheckpoint{
                    .instant = now(),
                    .steps = 10,
                    .state_json = R"({"positions":[{"symbol":"BTC/USDT","quantity":"0.1",)"
                                  R"("average_entry":"58000","realized_pnl":"0","fees":"0",)"
                                  R"("mark":"60000","unrealized_pnl":"200"}],)"
                                  R"("risk":{"policy":"moderate","breaker":{"state":"closed"},)"
                                  R"("approvals":[{"id":7,"symbol":"SOL/USDT","side":"long"}]}})",
                    .updated_at = now()})
            .ok());
    session_ = *id;
  }

  void add_snapshot(core::UserId user, core::Timestamp ts, const std::string& equity) {
    storage::AccountSnapshotRow row;
    row.user_id = user;
    row.venue = fmt::format("sim:p{}", session_.value());
    row.ts = ts;
    row.currency = "USDT";
    row.equity = core::Money::parse(equity);
    row.balance = core::Money::parse(equity);
    ASSERT_TRUE(store_->append_account_snapshot(row).ok());
  }

  void add_open_order(core::UserId user, const std::string& id) {
    storage::OrderRow order;
    order.client_order_id = core::ClientOrderId(id);
    order.user_id = user;
    order.venue = "sim";
    order.symbol = core::Symbol::try_parse("BTC/USDT").value();
    order.side = core::OrderSide::kBuy;
    order.type = core::OrderType::kLimit;
    order.status = core::OrderStatus::kAccepted;
    order.quantity = core::Quantity::parse("0.1");
    order.price = core::Price::parse("57000");
    order.created_at = now();
    order.updated_at = now();
    ASSERT_TRUE(store_->insert_order(order).ok());
  }

  test_support::RawResponse get(const std::string& target, const std::string& key) {
    return test_support::raw_request(port(), "GET", target, "X-API-Key: " + key + "\r\n");
  }
  test_support::RawResponse send(const std::string& method, const std::string& target,
                                 const std::string& key, const std::string& body = {}) {
    return test_support::raw_request(port(), method, target,
                                     "X-API-Key: " + key + "\r\nContent-Type: application/json\r\n",
                                     body);
  }

  testing::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<storage::SqliteStore> store_;
  ApiOptions options_;
  ApiServices services_;
  std::unique_ptr<ApiServer> server_;
  storage::PaperSessionId session_;
  core::UserId alice_, bob_, viewer_, admin_;
  std::string alice_key_, bob_key_, viewer_key_, admin_key_;
};

}  // namespace sigtrader::api
