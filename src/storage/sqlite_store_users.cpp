// SqliteStore: users (with their API roles) and channels.

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kUserColumns = "id, name, created_at, role";

// The roles the users table's CHECK allows; checked here too so that a caller gets a message
// naming them rather than SQLite's constraint text.
constexpr std::array<std::string_view, 3> kRoles{"admin", "trader", "viewer"};

core::Result<UserRow> read_user(const SqliteStatement& statement) {
  RowReader row(statement, "users");
  UserRow user{
      .id = row.get<core::UserId>(0),
      .name = row.get<std::string>(1),
      .created_at = row.get<core::Timestamp>(2),
      .role = row.get<std::string>(3),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return user;
}

core::Result<ChannelRow> read_channel(const SqliteStatement& statement) {
  RowReader row(statement, "channels");
  ChannelRow channel{
      .id = row.get<core::ChannelId>(0),
      .source = row.get<std::string>(1),
      .title = row.get<std::string>(2),
      .created_at = row.get<core::Timestamp>(3),
      .updated_at = row.get<core::Timestamp>(4),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return channel;
}

}  // namespace

core::Result<UserRow> SqliteStore::create_user(std::string_view name, core::Timestamp created_at) {
  if (name.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument, "user name is empty");
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO users (name, created_at) VALUES (?1, ?2)"));
  statement->bind(1, name);
  statement->bind(2, created_at);
  if (auto status = statement->run(); !status.ok()) {
    if (status.error().code() == core::ErrorCode::kAlreadyExists) {
      return core::Error(core::ErrorCode::kAlreadyExists,
                         fmt::format("user '{}' already exists in database '{}'", name, path()));
    }
    return status.error();
  }
  return UserRow{
      .id = core::UserId(db_->last_insert_rowid()),
      .name = std::string(name),
      .created_at = created_at,
  };
}

core::Result<UserRow> SqliteStore::find_user(std::string_view name) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM users WHERE name = ?1", kUserColumns)));
  statement->bind(1, name);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no user named '{}' in database '{}'", name, path()));
  }
  return read_user(*statement);
}

core::Result<UserRow> SqliteStore::find_user(core::UserId id) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM users WHERE id = ?1", kUserColumns)));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no user with id {} in database '{}'", id.value(), path()));
  }
  return read_user(*statement);
}

core::Status SqliteStore::set_user_role(core::UserId id, std::string_view role) {
  if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end()) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("role '{}' of user {} is none of admin, trader, viewer", role, id.value()));
  }
  SIGTRADER_TRY(auto statement, db_->cached("UPDATE users SET role = ?2 WHERE id = ?1"));
  statement->bind(1, id);
  statement->bind(2, role);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(
        fmt::format("setting the role of user {} to '{}'", id.value(), role));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no user with id {} in database '{}'", id.value(), path()));
  }
  return {};
}

core::Result<std::vector<UserRow>> SqliteStore::list_users() {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM users ORDER BY id", kUserColumns)));
  return read_all<UserRow>(*statement, read_user);
}

core::Status SqliteStore::upsert_channel(const ChannelRow& channel) {
  if (channel.id.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument, "channel id is empty");
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO channels (id, source, title, created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5) "
                            "ON CONFLICT (id) DO UPDATE SET source = excluded.source, "
                            "title = excluded.title, updated_at = excluded.updated_at"));
  statement->bind(1, channel.id);
  statement->bind(2, channel.source);
  statement->bind(3, channel.title);
  statement->bind(4, channel.created_at);
  statement->bind(5, channel.updated_at);
  return statement->run();
}

core::Result<ChannelRow> SqliteStore::find_channel(const core::ChannelId& id) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, source, title, created_at, updated_at FROM channels "
                            "WHERE id = ?1"));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no channel '{}' in database '{}'", id.str(), path()));
  }
  return read_channel(*statement);
}

core::Result<std::vector<ChannelRow>> SqliteStore::list_channels() {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, source, title, created_at, updated_at FROM channels "
                            "ORDER BY id"));
  return read_all<ChannelRow>(*statement, read_channel);
}

}  // namespace sigtrader::storage
