#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

class StoreJournals : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = store_->create_user("alice", at_seconds(0)).value().id;
    bob_ = store_->create_user("bob", at_seconds(0)).value().id;
  }

  RiskEventRow risk_event(core::UserId user, std::string kind, core::Timestamp ts) {
    return RiskEventRow{
        .id = {},
        .user_id = user,
        .ts = ts,
        .kind = std::move(kind),
        .symbol = core::Symbol{.base = "ETH", .quote = "USDT"},
        .client_order_id = core::ClientOrderId("st-9-9"),
        .reason = "daily loss 5.2% is over the 5% limit",
        .details_json = R"({"daily_loss":"5.2"})",
    };
  }

  AccountSnapshotRow snapshot(core::Timestamp ts, std::string equity) {
    return AccountSnapshotRow{
        .id = {},
        .user_id = alice_,
        .venue = "binance",
        .ts = ts,
        .currency = "USDT",
        .equity = core::Money::parse(equity),
        .balance = core::Money::parse("9000.00"),
        .unrealized_pnl = core::Money::parse("-12.34"),
        .margin_used = core::Money::parse("0"),
    };
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
  core::UserId bob_;
};

TEST_F(StoreJournals, RecentRiskEventsOfAUserComeNewestFirstUpToTheLimit) {
  ASSERT_TRUE(
      store_->append_risk_event(risk_event(alice_, "decision_rejected", at_seconds(1))).ok());
  ASSERT_TRUE(store_->append_risk_event(risk_event(alice_, "breaker_opened", at_seconds(3))).ok());
  ASSERT_TRUE(
      store_->append_risk_event(risk_event(alice_, "decision_resized", at_seconds(2))).ok());
  ASSERT_TRUE(store_->append_risk_event(risk_event(bob_, "breaker_opened", at_seconds(9))).ok());

  const auto recent = store_->recent_risk_events(alice_, 2);
  ASSERT_TRUE(recent.ok()) << recent.error().message();
  ASSERT_EQ(recent->size(), 2u);
  EXPECT_EQ(recent->at(0).kind, "breaker_opened");
  EXPECT_EQ(recent->at(0).ts, at_seconds(3));
  EXPECT_EQ(recent->at(1).kind, "decision_resized");
  EXPECT_EQ(recent->at(0).symbol->to_string(), "ETH/USDT");
  EXPECT_EQ(recent->at(0).client_order_id, core::ClientOrderId("st-9-9"));
  EXPECT_EQ(recent->at(0).details_json, R"({"daily_loss":"5.2"})");
  EXPECT_EQ(store_->recent_risk_events(bob_, 10)->size(), 1u);
}

TEST_F(StoreJournals, TheLatestAccountSnapshotIsTheNewestByTime) {
  ASSERT_TRUE(store_->append_account_snapshot(snapshot(at_seconds(2), "10100.50")).ok());
  ASSERT_TRUE(store_->append_account_snapshot(snapshot(at_seconds(1), "10000.00")).ok());

  const auto latest = store_->latest_account_snapshot(alice_, "binance");
  ASSERT_TRUE(latest.ok()) << latest.error().message();
  EXPECT_EQ(latest->ts, at_seconds(2));
  EXPECT_EQ(latest->equity.to_string(), "10100.50");
  EXPECT_EQ(latest->unrealized_pnl.to_string(), "-12.34");
  EXPECT_EQ(latest->currency, "USDT");
}

TEST_F(StoreJournals, AnAccountWithoutSnapshotsIsNotFound) {
  const auto latest = store_->latest_account_snapshot(alice_, "bybit");
  ASSERT_FALSE(latest.ok());
  EXPECT_EQ(latest.error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreJournals, AnAiDecisionIsStoredAndReadBack) {
  const AiDecisionRow decision{
      .id = {},
      .user_id = alice_,
      .signal_id = std::nullopt,
      .trace_id = core::TraceId("trace-3"),
      .ts = at_seconds(4),
      .kind = "classify",
      .model = "openai/gpt-4o-mini/2024-07-18",
      .decision = "long",
      .confidence = 0.92,
      .latency = core::Duration::milliseconds(840),
      .input_json = R"({"text":"BTC long"})",
      .output_json = R"({"label":"long"})",
  };
  const auto id = store_->append_ai_decision(decision);
  ASSERT_TRUE(id.ok()) << id.error().message();
  const auto recent = store_->recent_ai_decisions(5);
  ASSERT_TRUE(recent.ok()) << recent.error().message();
  ASSERT_EQ(recent->size(), 1u);
  const AiDecisionRow& stored = recent->front();
  EXPECT_EQ(stored.id, *id);
  EXPECT_EQ(stored.user_id, alice_);
  EXPECT_FALSE(stored.signal_id.has_value());
  EXPECT_EQ(stored.trace_id, core::TraceId("trace-3"));
  EXPECT_EQ(stored.model, "openai/gpt-4o-mini/2024-07-18");
  EXPECT_EQ(stored.confidence, 0.92);
  EXPECT_EQ(stored.latency, core::Duration::milliseconds(840));
  EXPECT_EQ(stored.output_json, R"({"label":"long"})");
}

}  // namespace
}  // namespace sigtrader::storage
