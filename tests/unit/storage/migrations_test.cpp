#include "storage/migrations.hpp"

#include <array>
#include <set>
#include <string>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::TempDir;

// Every table of the latest schema (DESIGN.md section 6, plus schema_version).
const std::set<std::string> kLatestTables = {
    "account_snapshots",
    "ai_decisions",
    "api_keys",
    "backtests",
    "channel_stats",
    "channels",
    "exchange_accounts",
    "fills",
    "labels",
    "message_versions",
    "messages",
    "models",
    "operator_commands",
    "orders",
    "paper_session_signals",
    "paper_sessions",
    "positions",
    "risk_events",
    "schema_version",
    "signals",
    "trades",
    "users",
};

std::set<std::string> table_names(SqliteConnection& db) {
  auto statement = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  EXPECT_TRUE(statement.ok());
  std::set<std::string> names;
  while (statement->step().value_or(false))
    names.insert(statement->column_text(0));
  return names;
}

std::unique_ptr<SqliteConnection> open_connection(const std::string& path) {
  auto db = SqliteConnection::open(path);
  EXPECT_TRUE(db.ok()) << db.error().message();
  return std::move(db).value();
}

// Rows that are valid at each schema version, written with that version's columns only.
constexpr std::array<std::string_view, 8> kRowsAtVersion = {
    R"sql(
INSERT INTO users (id, name, created_at) VALUES (1, 'alice', 1700000000000000000);
INSERT INTO channels (id, source, title, created_at, updated_at)
  VALUES ('telegram:-1001', 'telegram', 'Calls', 1, 1);
INSERT INTO messages (id, channel_id, message_id, ts_event, ts_init, text)
  VALUES (10, 'telegram:-1001', 42, 1000, 1001, 'BTC long 68000');
INSERT INTO signals (message_id, channel_id, ts_event, ts_init, label, confidence, classifier,
                     symbol, side, entries, targets, stop_loss)
  VALUES (10, 'telegram:-1001', 1000, 1002, 'long', 0.9, 'rules', 'BTC/USDT', 'long',
          '["68000"]', '["70000","72000.5"]', '66000');
INSERT INTO labels (message_id, labeler, label, created_at) VALUES (10, 'alice', 'long', 5);
)sql",
    R"sql(
INSERT INTO orders (id, client_order_id, user_id, venue, symbol, side, type, status, quantity,
                    price, created_at, updated_at)
  VALUES (7, 'st-1-1', 1, 'binance', 'BTC/USDT', 'buy', 'limit', 'accepted', '0.0015',
          '68000.00', 2000, 2000);
INSERT INTO fills (order_id, trade_id, price, quantity, fee, fee_asset, ts_event, ts_init)
  VALUES (7, 't-1', '68000.00', '0.0005', '0.034', 'USDT', 2100, 2101);
INSERT INTO positions (user_id, venue, symbol, quantity, average_entry, opened_at, updated_at)
  VALUES (1, 'binance', 'BTC/USDT', '0.0005', '68000.00', 2100, 2100);
INSERT INTO account_snapshots (user_id, venue, ts, currency, equity, balance)
  VALUES (1, 'binance', 2200, 'USDT', '10000.00', '9966.00');
INSERT INTO api_keys (user_id, prefix, key_hash, created_at) VALUES (1, 'sk_a1', 'hash', 3);
)sql",
    R"sql(
INSERT INTO risk_events (user_id, ts, kind, reason) VALUES (1, 3000, 'breaker_opened', 'loss');
INSERT INTO models (kind, name, version, path, created_at)
  VALUES ('fasttext', 'classifier', '1', 'models/fasttext/classifier/1', 4);
)sql",
    R"sql(
UPDATE messages SET text = 'BTC long 68500', edited_at = 1500 WHERE id = 10;
INSERT INTO message_versions (message_id, version, text, edited_at, ts_init)
  VALUES (10, 1, 'BTC long 68000', NULL, 1001), (10, 2, 'BTC long 68500', 1500, 1500);
)sql",
    R"sql(
INSERT INTO signals (message_id, channel_id, ts_event, ts_init, label, confidence, classifier,
                     symbol, side, version, warnings)
  VALUES (10, 'telegram:-1001', 1000, 1500, 'long', 0.9, 'rules', 'BTC/USDT', 'long', 2, '[]');
INSERT INTO channel_stats (channel_id, messages, longs, updated_at)
  VALUES ('telegram:-1001', 1, 1, 1600);
)sql",
    R"sql(
UPDATE channel_stats SET wins = 3, losses = 1, win_rate = 0.75, avg_r = 0.8, avg_win_r = 1.4,
  expectancy = 12.5, outcomes_at = 1700 WHERE channel_id = 'telegram:-1001';
)sql",
    R"sql(
INSERT INTO paper_sessions (id, user_id, name, setup_hash, status, created_at, updated_at,
                            checkpoint_ts, steps, signal_cursor)
  VALUES (1, 1, 'default', 'fnv1a64:0123456789abcdef', 'stopped', 1700, 1800, 2000, 3, 1);
INSERT INTO paper_session_signals (session_id, sequence, signal_id, due_at, after_step)
  VALUES (1, 0, 1, 1002, 0);
)sql",
    R"sql(
INSERT INTO users (id, name, created_at, role) VALUES (2, 'root', 5, 'admin');
INSERT INTO operator_commands (user_id, kind, args_json, who, created_at)
  VALUES (1, 'set_policy', '{"policy":"conservative"}', 'root', 1900);
)sql",
};

TEST(Migrations, HistoryIsNumberedOneTwoThreeInOrderAndHasAtLeastThreeSteps) {
  const auto history = schema_migrations();
  ASSERT_GE(history.size(), 3u);
  for (std::size_t i = 0; i < history.size(); ++i) {
    EXPECT_EQ(history[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(history[i].description.empty());
  }
  EXPECT_EQ(latest_schema_version(), static_cast<int>(history.size()));
  EXPECT_EQ(kRowsAtVersion.size(), history.size()) << "add sample rows for the new version";
}

TEST(Migrations, AnEmptyDatabaseIsAtVersionZero) {
  auto db = open_connection(":memory:");
  EXPECT_EQ(read_schema_version(*db).value(), 0);
  EXPECT_TRUE(table_names(*db).empty());
}

TEST(Migrations, MigratingAnEmptyDatabaseCreatesEveryTableAndRecordsEachVersion) {
  auto db = open_connection(":memory:");
  const auto applied = migrate_to(*db, latest_schema_version(), at_seconds(5));
  ASSERT_TRUE(applied.ok()) << applied.error().message();
  EXPECT_EQ(*applied, latest_schema_version());
  EXPECT_EQ(read_schema_version(*db).value(), latest_schema_version());
  EXPECT_EQ(table_names(*db), kLatestTables);

  auto versions = db->prepare("SELECT version, applied_at FROM schema_version ORDER BY version");
  ASSERT_TRUE(versions.ok());
  for (int expected = 1; expected <= latest_schema_version(); ++expected) {
    ASSERT_TRUE(versions->step().value_or(false));
    EXPECT_EQ(versions->column_int64(0), expected);
    EXPECT_EQ(versions->column_int64(1), at_seconds(5).ns());
  }
}

TEST(Migrations, MigratingAnUpToDateDatabaseAppliesNothing) {
  auto db = open_connection(":memory:");
  ASSERT_TRUE(migrate_to(*db, latest_schema_version(), at_seconds(0)).ok());
  const auto again = migrate_to(*db, latest_schema_version(), at_seconds(1));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

class MigrationFromOlderVersion : public ::testing::TestWithParam<int> {};

TEST_P(MigrationFromOlderVersion, KeepsTheRowsAndAddsTheNewTables) {
  const int old_version = GetParam();
  TempDir dir;
  const std::string path = dir.file("old.db");
  {
    auto db = open_connection(path);
    const auto applied = migrate_to(*db, old_version, at_seconds(0));
    ASSERT_TRUE(applied.ok()) << applied.error().message();
    EXPECT_EQ(*applied, old_version);
    for (int version = 1; version <= old_version; ++version) {
      const auto seeded = db->execute_script(kRowsAtVersion[version - 1]);
      ASSERT_TRUE(seeded.ok()) << seeded.error().message();
    }
    // Not every version adds a table (6 adds columns only).
    EXPECT_LE(table_names(*db).size(), kLatestTables.size());
  }

  // A newer binary opens the old file: it migrates forward on open.
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ((*store)->schema_version().value(), latest_schema_version());
  EXPECT_EQ(table_names((*store)->connection()), kLatestTables);

  const auto alice = (*store)->find_user("alice");
  ASSERT_TRUE(alice.ok()) << alice.error().message();
  // Users from before version 8 get the role they had in effect: trading.
  EXPECT_EQ(alice->role, "trader");
  const auto messages =
      (*store)->list_messages(core::ChannelId("telegram:-1001"), core::Timestamp::from_ns(0),
                              core::Timestamp::from_ns(10'000), 10);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 1u);
  const auto signals = (*store)->signals_for_message(messages->front().id);
  ASSERT_TRUE(signals.ok()) << signals.error().message();
  // Version 5's sample rows add the reading of the post's edit.
  ASSERT_EQ(signals->size(), old_version >= 5 ? 2u : 1u);
  EXPECT_EQ(signals->front().targets.at(1).to_string(), "72000.5");
  EXPECT_FALSE(signals->front().trace_id.has_value());  // a column added by version 3
  // A column added by version 4 (its sample rows edit the post).
  EXPECT_EQ(messages->front().edited_at.has_value(), old_version >= 4);
  EXPECT_EQ(signals->front().version, 1);  // columns added by version 5
  EXPECT_TRUE(signals->front().warnings.empty());
  EXPECT_FALSE(signals->front().entry_market);

  if (old_version >= 2) {
    const auto order = (*store)->find_order(core::ClientOrderId("st-1-1"));
    ASSERT_TRUE(order.ok()) << order.error().message();
    EXPECT_EQ(order->status, core::OrderStatus::kAccepted);
    EXPECT_EQ(order->price->to_string(), "68000.00");
    EXPECT_FALSE(order->trace_id.has_value());
    EXPECT_EQ((*store)->list_fills(order->id).value().size(), 1u);
  }

  // The tables the old version did not have work now.
  const auto event = (*store)->append_risk_event(RiskEventRow{
      .id = {},
      .user_id = alice->id,
      .ts = at_seconds(9),
      .kind = "decision_rejected",
      .symbol = std::nullopt,
      .client_order_id = std::nullopt,
      .reason = "daily loss limit",
  });
  EXPECT_TRUE(event.ok()) << event.error().message();
  const auto command = (*store)->insert_operator_command(OperatorCommandRow{
      .id = {},
      .user_id = alice->id,
      .kind = "resume_breaker",
      .args_json = "{}",
      .who = "alice",
      .status = "pending",
      .result = "",
      .created_at = at_seconds(10),
  });
  EXPECT_TRUE(command.ok()) << command.error().message();
}

INSTANTIATE_TEST_SUITE_P(EachOlderVersion, MigrationFromOlderVersion,
                         ::testing::Range(1, latest_schema_version()),
                         [](const auto& info) { return "Version" + std::to_string(info.param); });

TEST(Migrations, VersionEightMakesEveryExistingUserATraderAndAddsOperatorCommands) {
  TempDir dir;
  const std::string path = dir.file("v7.db");
  {
    auto db = open_connection(path);
    ASSERT_TRUE(migrate_to(*db, 7, at_seconds(0)).ok());
    for (int version = 1; version <= 7; ++version) {
      ASSERT_TRUE(db->execute_script(kRowsAtVersion[version - 1]).ok());
    }
    ASSERT_TRUE(db->execute_script("INSERT INTO users (name, created_at) VALUES ('bob', 9)").ok());
  }
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ((*store)->schema_version().value(), 8);

  const auto users = (*store)->list_users();
  ASSERT_TRUE(users.ok()) << users.error().message();
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_EQ((*users)[0].role, "trader");
  EXPECT_EQ((*users)[1].name, "bob");
  EXPECT_EQ((*users)[1].role, "trader");
  EXPECT_EQ((*store)->find_paper_session(PaperSessionId(1))->steps, 3);
  EXPECT_TRUE((*store)->pending_operator_commands((*users)[0].id, 10)->empty());
}

TEST(Migrations, ADatabaseNewerThanThisBinaryIsRefusedWithAClearError) {
  const int future = latest_schema_version() + 1;
  TempDir dir;
  const std::string path = dir.file("future.db");
  {
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)
                    ->connection()
                    .execute_script(fmt::format(
                        "INSERT INTO schema_version VALUES ({}, 0, 'from the future')", future))
                    .ok());
  }
  const std::string expected = fmt::format(
      "database schema version {} is newer than this sigtrader (knows up to {}); upgrade "
      "sigtrader",
      future, latest_schema_version());
  for (const bool migrate : {true, false}) {
    const auto store = SqliteStore::open(path, OpenOptions{.migrate = migrate});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.error().code(), core::ErrorCode::kStorage);
    EXPECT_NE(store.error().message().find(expected), std::string::npos) << store.error().message();
    EXPECT_NE(store.error().message().find(path), std::string::npos);
  }
}

TEST(Migrations, MigratingDownIsRefused) {
  auto db = open_connection(":memory:");
  ASSERT_TRUE(migrate_to(*db, latest_schema_version(), at_seconds(0)).ok());
  const auto down = migrate_to(*db, 1, at_seconds(1));
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(down.error().message().find("only go forward"), std::string::npos);
}

TEST(Migrations, AFailingMigrationLeavesTheDatabaseAtThePreviousVersionWithNothingOfItApplied) {
  const std::array history = {
      Migration{1, "first", "CREATE TABLE first (id INTEGER PRIMARY KEY) STRICT;"},
      Migration{2, "broken",
                "CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;\n"
                "CREATE TABLE broken (id INTEGER PRIMARY KEY, price NUMBER) STRICT;"},
  };
  auto db = open_connection(":memory:");
  const auto result = migrate_to(*db, 2, at_seconds(0), history);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message().find("migration 2 (broken)"), std::string::npos)
      << result.error().message();
  EXPECT_EQ(read_schema_version(*db).value(), 1);
  const auto tables = table_names(*db);
  EXPECT_TRUE(tables.count("first"));
  EXPECT_FALSE(tables.count("half_done"));
  EXPECT_FALSE(db->in_transaction());
}

TEST(Migrations, OpeningWithoutMigrateLeavesThePendingMigrationsForLater) {
  TempDir dir;
  const std::string path = dir.file("pending.db");
  auto store = SqliteStore::open(path, OpenOptions{.migrate = false});
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ((*store)->schema_version().value(), 0);
  EXPECT_TRUE((*store)->table_counts().value().empty());

  EXPECT_EQ((*store)->migrate().value(), latest_schema_version());
  EXPECT_EQ((*store)->migrate().value(), 0);
  EXPECT_EQ((*store)->schema_version().value(), latest_schema_version());
}

TEST(Migrations, AppliedAtComesFromTheClockTheStoreWasGiven) {
  core::SimClock clock(at_seconds(123));
  auto store = SqliteStore::open(":memory:", OpenOptions{.clock = &clock});
  ASSERT_TRUE(store.ok());
  auto applied = (*store)->connection().prepare(
      "SELECT min(applied_at), max(applied_at) "
      "FROM schema_version");
  ASSERT_TRUE(applied.ok());
  ASSERT_TRUE(applied->step().value_or(false));
  EXPECT_EQ(applied->column_int64(0), at_seconds(123).ns());
  EXPECT_EQ(applied->column_int64(1), at_seconds(123).ns());
}

}  // namespace
}  // namespace sigtrader::storage
