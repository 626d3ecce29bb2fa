#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

struct Column {
  std::string table;
  std::string name;
  std::string type;
};

std::vector<Column> all_columns(SqliteConnection& db) {
  auto statement = db.prepare(
      "SELECT m.name, c.name, c.type FROM sqlite_schema AS m, pragma_table_info(m.name) AS c "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, c.cid");
  EXPECT_TRUE(statement.ok()) << statement.error().message();
  std::vector<Column> columns;
  while (statement->step().value_or(false)) {
    columns.push_back(
        Column{statement->column_text(0), statement->column_text(1), statement->column_text(2)});
  }
  return columns;
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Schema : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  SqliteConnection& db() { return store_->connection(); }
};

TEST_F(Schema, EveryTableIsStrict) {
  auto statement = db().prepare(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' "
      "AND type = 'table' AND name NOT LIKE 'sqlite_%'");
  ASSERT_TRUE(statement.ok());
  int tables = 0;
  while (statement->step().value_or(false)) {
    ++tables;
    EXPECT_EQ(statement->column_int64(1), 1) << statement->column_text(0) << " is not STRICT";
  }
  EXPECT_GE(tables, 16);
}

TEST_F(Schema, StrictTablesRefuseTextInAnIntegerColumn) {
  const auto status =
      db().execute_script("INSERT INTO users (name, created_at) VALUES ('bob', 'yesterday')");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kStorage);
  EXPECT_NE(status.error().message().find("users.created_at"), std::string::npos)
      << status.error().message();
}

TEST_F(Schema, MoneyIsExactTextAndTimeIsIntegerInEveryTable) {
  const std::set<std::string> money_names = {"price",   "quantity",    "fee",      "equity",
                                             "balance", "margin_used", "stop_loss"};
  int money_columns = 0;
  for (const Column& column : all_columns(db())) {
    const std::string where = column.table + "." + column.name;
    if (money_names.count(column.name) || ends_with(column.name, "_price") ||
        ends_with(column.name, "_pnl") || ends_with(column.name, "_quantity") ||
        column.name == "average_entry" || column.name == "fees") {
      ++money_columns;
      EXPECT_EQ(column.type, "TEXT") << where;
    }
    if (ends_with(column.name, "_at") || column.name == "ts" || column.name == "ts_event" ||
        column.name == "ts_init") {
      EXPECT_EQ(column.type, "INTEGER") << where;
    }
    // double is for statistics only (DESIGN.md section 2): a model's confidence, a channel's
    // share of chatter, win rate, average R and expectancy (a mean, never a balance).
    if (column.type == "REAL") {
      EXPECT_TRUE(column.name == "confidence" || column.name == "share_none" ||
                  column.name == "win_rate" || column.name == "avg_r" ||
                  column.name == "avg_win_r" || column.name == "expectancy")
          << where;
    }
  }
  EXPECT_GE(money_columns, 20);
}

TEST_F(Schema, AForeignKeyViolationIsAnError) {
  const auto status = db().execute_script(
      "INSERT INTO orders (client_order_id, user_id, venue, symbol, side, type, status, quantity, "
      "created_at, updated_at) VALUES ('x-1', 99, 'binance', 'BTC/USDT', 'buy', 'market', 'new', "
      "'1', 0, 0)");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("FOREIGN KEY constraint failed"), std::string::npos)
      << status.error().message();
}

TEST_F(Schema, AMessageOfAnUnknownChannelIsRefused) {
  const auto inserted =
      store_->insert_message(testing_support::sample_message(1, at_seconds(0), "telegram:-404"));
  ASSERT_FALSE(inserted.ok());
  EXPECT_NE(inserted.error().message().find("FOREIGN KEY constraint failed"), std::string::npos);
  EXPECT_NE(inserted.error().message().find("telegram:-404"), std::string::npos)
      << inserted.error().message();
}

TEST_F(Schema, AnOrderSideOtherThanBuyOrSellIsRefused) {
  ASSERT_TRUE(store_->create_user("alice", at_seconds(0)).ok());
  const auto status = db().execute_script(
      "INSERT INTO orders (client_order_id, user_id, venue, symbol, side, type, status, quantity, "
      "created_at, updated_at) VALUES ('x-1', 1, 'binance', 'BTC/USDT', 'long', 'market', 'new', "
      "'1', 0, 0)");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("CHECK constraint failed"), std::string::npos);
}

TEST_F(Schema, OnlyOnePositionPerUserVenueAndSymbolIsOpenAtATime) {
  ASSERT_TRUE(store_->create_user("alice", at_seconds(0)).ok());
  constexpr std::string_view kOpen =
      "INSERT INTO positions (user_id, venue, symbol, quantity, average_entry, opened_at, "
      "updated_at, closed_at) VALUES (1, 'binance', 'BTC/USDT', '1', '100', 0, 0, NULL)";
  ASSERT_TRUE(db().execute_script(kOpen).ok());
  const auto second = db().execute_script(kOpen);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), core::ErrorCode::kAlreadyExists);
  ASSERT_TRUE(db().execute_script("UPDATE positions SET closed_at = 5").ok());
  EXPECT_TRUE(db().execute_script(kOpen).ok()) << "a closed position does not block a new one";
}

TEST_F(Schema, TheIndexesUsersQueryByExist) {
  auto statement = db().prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'");
  ASSERT_TRUE(statement.ok());
  std::set<std::string> indexes;
  while (statement->step().value_or(false))
    indexes.insert(statement->column_text(0));
  for (const char* expected :
       {"messages_by_channel_time", "signals_by_message", "orders_by_user_status",
        "orders_by_symbol_time", "orders_by_trace", "risk_events_by_user_time",
        "account_snapshots_by_user_time", "trades_by_channel_time"}) {
    EXPECT_TRUE(indexes.count(expected)) << expected;
  }
}

}  // namespace
}  // namespace sigtrader::storage
