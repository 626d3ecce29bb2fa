#include <algorithm>
#include <filesystem>
#include <string>

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "storage/sqlite_connection.hpp"
#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::TempDir;
using testing_support::write_file;

std::string pragma_text(SqliteConnection& db, std::string_view pragma) {
  auto statement = db.prepare(pragma);
  EXPECT_TRUE(statement.ok());
  EXPECT_TRUE(statement->step().value_or(false));
  return statement->column_text(0);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(SqliteStoreOpen, UsesWalJournalForeignKeysAndTheDefaultBusyTimeout) {
  TempDir dir;
  auto store = SqliteStore::open(dir.file("sigtrader.db"));
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto& db = (*store)->connection();
  EXPECT_EQ(pragma_text(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma_text(db, "PRAGMA foreign_keys"), "1");
  EXPECT_EQ(pragma_text(db, "PRAGMA busy_timeout"), "5000");
}

TEST(SqliteStoreOpen, UsesTheConfiguredBusyTimeout) {
  auto store = SqliteStore::open(":memory:", OpenOptions{.busy_timeout_ms = 250});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(pragma_text((*store)->connection(), "PRAGMA busy_timeout"), "250");
}

TEST(SqliteStoreOpen, AnInMemoryStoreWorks) {
  auto store = SqliteStore::open(":memory:");
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ((*store)->schema_version().value(), latest_schema_version());
  ASSERT_TRUE((*store)->create_user("alice", at_seconds(0)).ok());
  EXPECT_EQ((*store)->find_user("alice")->name, "alice");
  EXPECT_EQ(pragma_text((*store)->connection(), "PRAGMA foreign_keys"), "1");
}

TEST(SqliteStoreOpen, DataPersistsAfterClosingAndReopeningTheFile) {
  TempDir dir;
  const std::string path = dir.file("sigtrader.db");
  {
    auto store = SqliteStore::open(path);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->create_user("alice", at_seconds(1)).ok());
    ASSERT_TRUE((*store)->upsert_channel(testing_support::sample_channel()).ok());
  }
  auto reopened = SqliteStore::open(path, OpenOptions{.create_if_missing = false});
  ASSERT_TRUE(reopened.ok()) << reopened.error().message();
  const auto alice = (*reopened)->find_user("alice");
  ASSERT_TRUE(alice.ok());
  EXPECT_EQ(alice->created_at, at_seconds(1));
  EXPECT_EQ((*reopened)->list_channels().value().size(), 1u);
}

TEST(SqliteStoreOpen, AMissingFileIsNotFoundWhenItMayNotBeCreated) {
  TempDir dir;
  const std::string path = dir.file("missing.db");
  const auto store = SqliteStore::open(path, OpenOptions{.create_if_missing = false});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(contains(store.error().message(), path)) << store.error().message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SqliteStoreOpen, AFileThatIsNotADatabaseGivesAClearErrorNamingIt) {
  TempDir dir;
  const std::string path = dir.file("garbage.db");
  std::string garbage;
  for (int i = 0; i < 64; ++i)
    garbage += "this is not a database, just some text\n";
  write_file(path, garbage);

  const auto store = SqliteStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kStorage);
  EXPECT_EQ(store.error().message(),
            "'" + path + "' is not a SQLite database (file is not a database)");
}

TEST(SqliteStoreOpen, ADirectoryCannotBeOpenedAndTheErrorNamesIt) {
  TempDir dir;
  const std::string path = dir.file("a-directory");
  std::filesystem::create_directories(path);
  const auto store = SqliteStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kStorage);
  EXPECT_TRUE(contains(store.error().message(), path)) << store.error().message();
}

TEST(SqliteStoreOpen, AWriteWhileAnotherConnectionHoldsTheLockIsUnavailableNamingTheFile) {
  TempDir dir;
  const std::string path = dir.file("locked.db");
  auto store = SqliteStore::open(path, OpenOptions{.busy_timeout_ms = 100});
  ASSERT_TRUE(store.ok());
  auto other = SqliteConnection::open(path);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->execute_script("BEGIN EXCLUSIVE").ok());

  const auto user = (*store)->create_user("alice", at_seconds(0));
  ASSERT_FALSE(user.ok());
  EXPECT_EQ(user.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_TRUE(contains(user.error().message(), path)) << user.error().message();
  EXPECT_TRUE(contains(user.error().message(), "100 ms")) << user.error().message();

  // Once the lock is released the same store writes again.
  ASSERT_TRUE((*other)->execute_script("COMMIT").ok());
  EXPECT_TRUE((*store)->create_user("alice", at_seconds(0)).ok());
}

TEST(SqliteStoreOpen, MigratingWhileAnotherConnectionHoldsTheLockIsUnavailableNamingTheFile) {
  TempDir dir;
  const std::string path = dir.file("locked.db");
  auto other = SqliteConnection::open(path);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->execute_script("BEGIN EXCLUSIVE").ok());

  const auto store = SqliteStore::open(path, OpenOptions{.busy_timeout_ms = 100});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_TRUE(contains(store.error().message(), path)) << store.error().message();
}

TEST(SqliteStoreOpen, ADatabaseLockedInRollbackJournalModeIsUnavailableNamingTheFile) {
  TempDir dir;
  const std::string path = dir.file("legacy.db");
  // Another program that knows nothing of WAL holds an exclusive lock on its database.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other,
                         "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; "
                         "INSERT INTO t VALUES (1);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);

  const auto store = SqliteStore::open(path, OpenOptions{.busy_timeout_ms = 100});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_TRUE(contains(store.error().message(), path)) << store.error().message();
  sqlite3_close(other);
}

TEST(SqliteStoreOpen, ANegativeBusyTimeoutIsRejected) {
  const auto store = SqliteStore::open(":memory:", OpenOptions{.busy_timeout_ms = -1});
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST(SqliteStoreOpen, TableCountsListEveryTableByNameWithItsRows) {
  auto store = testing_support::open_memory_store();
  ASSERT_TRUE(store->create_user("alice", at_seconds(0)).ok());
  ASSERT_TRUE(store->create_user("bob", at_seconds(0)).ok());
  const auto tables = store->table_counts();
  ASSERT_TRUE(tables.ok());
  ASSERT_FALSE(tables->empty());
  EXPECT_TRUE(std::is_sorted(tables->begin(), tables->end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
  for (const TableInfo& table : *tables) {
    if (table.name == "users") {
      EXPECT_EQ(table.rows, 2);
    } else if (table.name == "schema_version") {
      EXPECT_EQ(table.rows, latest_schema_version());
    } else {
      EXPECT_EQ(table.rows, 0) << table.name;
    }
  }
}

}  // namespace
}  // namespace sigtrader::storage
