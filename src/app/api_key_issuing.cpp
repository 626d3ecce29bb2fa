#include "app/api_key_issuing.hpp"

#include "api/api_keys.hpp"

namespace sigtrader::app {

core::Result<std::string> issue_api_key(storage::Store& store, core::UserId user,
                                        core::Timestamp now) {
  SIGTRADER_TRY(api::NewApiKey key, api::generate_api_key());
  storage::ApiKeyRow row;
  row.user_id = user;
  row.prefix = key.prefix;
  row.key_hash = key.hash;
  row.created_at = now;
  if (auto stored = store.insert_api_key(row); !stored.ok()) return stored.error();
  return std::move(key.key);
}

}  // namespace sigtrader::app
