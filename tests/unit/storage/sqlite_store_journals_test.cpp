#include <string>
#include <vector>

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

// Alice's binance snapshots 1..10 at seconds 1..10 (rows 1..10), then others that no query of
// hers at binance may return.
class StoreSnapshotHistory : public StoreJournals {
 protected:
  void SetUp() override {
    StoreJournals::SetUp();
    for (int second = 1; second <= 10; ++second) {
      ASSERT_TRUE(store_->append_account_snapshot(snapshot(at_seconds(second), "10000")).ok());
    }
    AccountSnapshotRow elsewhere = snapshot(at_seconds(5), "1");
    elsewhere.venue = "bybit";
    ASSERT_TRUE(store_->append_account_snapshot(elsewhere).ok());
    AccountSnapshotRow bobs = snapshot(at_seconds(5), "2");
    bobs.user_id = bob_;
    ASSERT_TRUE(store_->append_account_snapshot(bobs).ok());
  }

  std::vector<std::int64_t> ids(std::int64_t from, std::int64_t to, std::size_t limit) {
    const auto rows =
        store_->account_snapshots(alice_, "binance", at_seconds(from), at_seconds(to), limit);
    EXPECT_TRUE(rows.ok()) << rows.error().message();
    std::vector<std::int64_t> out;
    if (!rows.ok()) return out;
    for (const AccountSnapshotRow& row : *rows)
      out.push_back(row.id.value());
    return out;
  }
};

using RowIds = std::vector<std::int64_t>;

TEST_F(StoreSnapshotHistory, SnapshotsWithinTheLimitAreAllReturnedOldestFirst) {
  EXPECT_EQ(ids(0, 100, 10), (RowIds{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  // from is included, to is not.
  EXPECT_EQ(ids(3, 6, 10), (RowIds{3, 4, 5}));
  const auto rows = store_->account_snapshots(alice_, "binance", at_seconds(3), at_seconds(4), 5);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().ts, at_seconds(3));
  EXPECT_EQ(rows->front().equity.to_string(), "10000");
}

TEST_F(StoreSnapshotHistory, PastTheLimitEvenlySpacedRowsAreKeptEndingWithTheLast) {
  // 10 rows, limit 4: every (10 - 1) / (4 - 1) = 3rd position from the first, 0 3 6 9.
  EXPECT_EQ(ids(0, 100, 4), (RowIds{1, 4, 7, 10}));
  // limit 3: positions 0, floor(9 / 2) = 4 and 9.
  EXPECT_EQ(ids(0, 100, 3), (RowIds{1, 5, 10}));
  // 9 rows (2..10), limit 2: the first and the last.
  EXPECT_EQ(ids(2, 100, 2), (RowIds{2, 10}));
  // 6 rows (3..8), limit 4: positions 0, floor(5 / 3) = 1, floor(10 / 3) = 3 and 5.
  EXPECT_EQ(ids(3, 9, 4), (RowIds{3, 4, 6, 8}));
}

TEST_F(StoreSnapshotHistory, ALimitOfOneKeepsTheLastAndZeroKeepsNothing) {
  EXPECT_EQ(ids(0, 100, 1), (RowIds{10}));
  EXPECT_EQ(ids(0, 100, 0), RowIds{});
  EXPECT_EQ(ids(50, 100, 4), RowIds{});
}

TEST_F(StoreSnapshotHistory, TheFirstAndTheLatestSnapshotBeforeAnInstantExcludeThatInstant) {
  const auto first = store_->first_account_snapshot(alice_, "binance", at_seconds(5));
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->id.value(), 1);
  const auto latest = store_->latest_account_snapshot_before(alice_, "binance", at_seconds(5));
  ASSERT_TRUE(latest.ok()) << latest.error().message();
  EXPECT_EQ(latest->id.value(), 4);
  EXPECT_EQ(latest->ts, at_seconds(4));
  EXPECT_EQ(store_->latest_account_snapshot_before(alice_, "binance", at_seconds(100))->id.value(),
            10);

  // Nothing before the first second; bob's and bybit's rows are not alice's at binance.
  for (const auto& none : {store_->first_account_snapshot(alice_, "binance", at_seconds(1)),
                           store_->latest_account_snapshot_before(alice_, "binance", at_seconds(1)),
                           store_->first_account_snapshot(bob_, "binance", at_seconds(5)),
                           store_->first_account_snapshot(alice_, "kraken", at_seconds(9))}) {
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code(), core::ErrorCode::kNotFound);
  }
}

TEST_F(StoreSnapshotHistory, SnapshotsOfOneInstantAreOrderedByRow) {
  ASSERT_TRUE(store_->append_account_snapshot(snapshot(at_seconds(1), "9999")).ok());   // row 13
  ASSERT_TRUE(store_->append_account_snapshot(snapshot(at_seconds(3), "10001")).ok());  // row 14
  EXPECT_EQ(store_->first_account_snapshot(alice_, "binance", at_seconds(9))->id.value(), 1);
  EXPECT_EQ(store_->latest_account_snapshot_before(alice_, "binance", at_seconds(4))->id.value(),
            14);
}

// Risk events with details naming a channel and a message, as the risk engine writes them.
RiskEventRow decision(core::UserId user, std::string kind, std::int64_t second,
                      std::string details) {
  return RiskEventRow{
      .id = {},
      .user_id = user,
      .ts = at_seconds(second),
      .kind = std::move(kind),
      .symbol = std::nullopt,
      .client_order_id = std::nullopt,
      .reason = "",
      .details_json = std::move(details),
  };
}

TEST_F(StoreJournals, TheDecisionsOnOneMessageAreThoseNamingItsChannelAndIdOldestFirst) {
  constexpr std::string_view kPost = R"({"channel":"telegram:-1001","message_id":"42"})";
  std::vector<RiskEventRowId> ids;
  for (const RiskEventRow& event : {
           decision(alice_, "decision_rejected", 3, std::string(kPost)),  // 1
           decision(alice_, "decision_accepted", 1, std::string(kPost)),  // 2
           decision(alice_, "breaker_opened", 2, std::string(kPost)),     // 3: not a decision
           decision(alice_, "decisionless", 2, std::string(kPost)),       // 4: '_' is literal
           decision(bob_, "decision_accepted", 2, std::string(kPost)),    // 5: bob's
           decision(alice_, "decision_rejected", 2,                       // 6: another post
                    R"({"channel":"telegram:-1001","message_id":"420"})"),
           decision(alice_, "decision_rejected", 2,  // 7: another channel
                    R"({"channel":"telegram:-2002","message_id":"42"})"),
           decision(alice_, "decision_resized", 5,  // 8: id as a number
                    R"({"channel":"telegram:-1001","message_id":42,"size":"0.1"})"),
           decision(alice_, "decision_rejected", 4, R"({"reason":"no post"})"),  // 9
       }) {
    ids.push_back(store_->append_risk_event(event).value());
  }

  const auto found =
      store_->decisions_for_message(alice_, core::ChannelId("telegram:-1001"), core::MessageId(42));
  ASSERT_TRUE(found.ok()) << found.error().message();
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[0].id, ids[1]);
  EXPECT_EQ((*found)[0].kind, "decision_accepted");
  EXPECT_EQ((*found)[1].id, ids[0]);
  EXPECT_EQ((*found)[2].id, ids[7]);
  EXPECT_EQ((*found)[2].details_json,
            R"({"channel":"telegram:-1001","message_id":42,"size":"0.1"})");

  EXPECT_TRUE(
      store_->decisions_for_message(alice_, core::ChannelId("telegram:-1001"), core::MessageId(7))
          ->empty());
}

TEST_F(StoreJournals, TheLatestDecisionsOfManyPostsComeFromOneQueryByChannelThenMessage) {
  constexpr std::string_view kPost42 = R"({"channel":"telegram:-1001","message_id":"42"})";
  constexpr std::string_view kPost7 = R"({"channel":"telegram:-1001","message_id":7})";
  constexpr std::string_view kOther42 = R"({"channel":"telegram:-2002","message_id":"42"})";
  std::vector<RiskEventRowId> ids;
  for (const RiskEventRow& event : {
           decision(alice_, "decision_rejected", 3, std::string(kPost42)),   // 0
           decision(alice_, "decision_accepted", 5, std::string(kPost42)),   // 1: latest of 42
           decision(alice_, "decision_resized", 4, std::string(kPost42)),    // 2
           decision(alice_, "breaker_opened", 9, std::string(kPost42)),      // 3: not a decision
           decision(bob_, "decision_rejected", 8, std::string(kPost42)),     // 4: bob's
           decision(alice_, "decision_rejected", 6, std::string(kPost7)),    // 5: same ts as 6
           decision(alice_, "decision_accepted", 6, std::string(kPost7)),    // 6: latest (by id)
           decision(alice_, "decision_accepted", 2, std::string(kOther42)),  // 7
           decision(bob_, "decision_rejected", 9, std::string(kOther42)),    // 8: bob's
       }) {
    ids.push_back(store_->append_risk_event(event).value());
  }
  const core::ChannelId first("telegram:-1001");
  const core::ChannelId second("telegram:-2002");

  const auto found = store_->latest_decisions_for_messages(
      alice_, {PostKey{.channel = second, .message = core::MessageId(42)},
               PostKey{.channel = first, .message = core::MessageId(42)},
               PostKey{.channel = first, .message = core::MessageId(42)},  // asked twice
               PostKey{.channel = first, .message = core::MessageId(7)},
               PostKey{.channel = first, .message = core::MessageId(99)}});  // no decision
  ASSERT_TRUE(found.ok()) << found.error().message();
  ASSERT_EQ(found->size(), 3u);
  EXPECT_EQ((*found)[0].post, (PostKey{.channel = first, .message = core::MessageId(7)}));
  EXPECT_EQ((*found)[0].decision.id, ids[6]);
  EXPECT_EQ((*found)[1].post, (PostKey{.channel = first, .message = core::MessageId(42)}));
  EXPECT_EQ((*found)[1].decision.id, ids[1]);
  EXPECT_EQ((*found)[1].decision.kind, "decision_accepted");
  EXPECT_EQ((*found)[1].decision.ts, at_seconds(5));
  EXPECT_EQ((*found)[1].decision.details_json, kPost42);
  EXPECT_EQ((*found)[2].post, (PostKey{.channel = second, .message = core::MessageId(42)}));
  EXPECT_EQ((*found)[2].decision.id, ids[7]);

  // Each is the last of what decisions_for_message() finds for its post.
  for (const PostDecision& latest : *found) {
    const auto all =
        store_->decisions_for_message(alice_, latest.post.channel, latest.post.message);
    ASSERT_TRUE(all.ok() && !all->empty());
    EXPECT_EQ(all->back().id, latest.decision.id);
  }

  const auto bobs = store_->latest_decisions_for_messages(
      bob_, {PostKey{.channel = first, .message = core::MessageId(42)},
             PostKey{.channel = first, .message = core::MessageId(7)}});
  ASSERT_TRUE(bobs.ok()) << bobs.error().message();
  ASSERT_EQ(bobs->size(), 1u);
  EXPECT_EQ(bobs->front().decision.id, ids[4]);
  EXPECT_TRUE(store_->latest_decisions_for_messages(alice_, {})->empty());
}

}  // namespace
}  // namespace sigtrader::storage
