// SqliteStore: HTTP API keys (only their hashes are stored; the prefix finds the row).

#include <fmt/format.h>

#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kApiKeyColumns =
    "id, user_id, prefix, key_hash, scopes, created_at, last_used_at, revoked_at";

core::Result<ApiKeyRow> read_api_key(const SqliteStatement& statement) {
  RowReader row(statement, "api_keys");
  ApiKeyRow key{
      .id = row.get<ApiKeyRowId>(0),
      .user_id = row.get<core::UserId>(1),
      .prefix = row.get<std::string>(2),
      .key_hash = row.get<std::string>(3),
      .scopes = row.get<std::string>(4),
      .created_at = row.get<core::Timestamp>(5),
      .last_used_at = row.get_optional<core::Timestamp>(6),
      .revoked_at = row.get_optional<core::Timestamp>(7),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return key;
}

}  // namespace

core::Result<ApiKeyRowId> SqliteStore::insert_api_key(const ApiKeyRow& key) {
  if (key.prefix.empty() || key.key_hash.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("an API key of user {} needs a prefix and a hash to be stored",
                                   key.user_id.value()));
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO api_keys (user_id, prefix, key_hash, scopes, created_at, "
                            "last_used_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  statement->bind(1, key.user_id);
  statement->bind(2, key.prefix);
  statement->bind(3, key.key_hash);
  statement->bind(4, key.scopes);
  statement->bind(5, key.created_at);
  statement->bind(6, key.last_used_at);
  statement->bind(7, key.revoked_at);
  if (auto status = statement->run(); !status.ok()) {
    if (status.error().code() == core::ErrorCode::kAlreadyExists) {
      // The prefix is the table's only unique key besides the row id.
      return core::Error(core::ErrorCode::kAlreadyExists,
                         fmt::format("an API key with prefix '{}' already exists in database '{}'",
                                     key.prefix, path()));
    }
    return status.error().with_context(fmt::format("storing API key '{}'", key.prefix));
  }
  return ApiKeyRowId(db_->last_insert_rowid());
}

core::Result<ApiKeyRow> SqliteStore::find_api_key(std::string_view prefix) {
  SIGTRADER_TRY(auto statement, db_->cached(fmt::format("SELECT {} FROM api_keys WHERE prefix = ?1",
                                                        kApiKeyColumns)));
  statement->bind(1, prefix);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no API key with prefix '{}' in database '{}'", prefix, path()));
  }
  return read_api_key(*statement);
}

core::Result<std::vector<ApiKeyRow>> SqliteStore::list_api_keys(core::UserId user) {
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM api_keys WHERE user_id = ?1 ORDER BY id",
                                        kApiKeyColumns)));
  statement->bind(1, user);
  return read_all<ApiKeyRow>(*statement, read_api_key);
}

core::Status SqliteStore::touch_api_key(ApiKeyRowId id, core::Timestamp used_at) {
  SIGTRADER_TRY(auto statement, db_->cached("UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1"));
  statement->bind(1, id);
  statement->bind(2, used_at);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("marking API key {} used", id.value()));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no API key {} in database '{}'", id.value(), path()));
  }
  return {};
}

core::Status SqliteStore::revoke_api_key(std::string_view prefix, core::Timestamp revoked_at) {
  // Revoking twice keeps the first instant: that is when the key stopped working.
  SIGTRADER_TRY(auto statement,
                db_->cached("UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?2) "
                            "WHERE prefix = ?1"));
  statement->bind(1, prefix);
  statement->bind(2, revoked_at);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("revoking API key '{}'", prefix));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no API key with prefix '{}' in database '{}'", prefix, path()));
  }
  return {};
}

}  // namespace sigtrader::storage
