#include "api/authenticator.hpp"

#include <spdlog/spdlog.h>

#include "api/api_keys.hpp"

namespace sigtrader::api {
namespace {

core::Error unknown_key() {
  return core::Error(core::ErrorCode::kNotFound, "unknown or revoked API key");
}

}  // namespace

Authenticator::Authenticator(StoreAccess& store, const core::Clock& clock)
    : store_(store), clock_(clock) {}

core::Result<Caller> Authenticator::authenticate(std::string_view key) {
  SIGTRADER_TRY(const std::string prefix, api_key_prefix(key));
  const std::string hash = hash_api_key(key);
  const core::Timestamp now = clock_.now();
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = cache_.find(hash); it != cache_.end()) {
      if (now - it->second.verified_at < kCacheFor) return it->second.caller;
      cache_.erase(it);
    }
  }
  auto found = store_.with([&](storage::Store& store) -> core::Result<Cached> {
    SIGTRADER_TRY(const storage::ApiKeyRow row, store.find_api_key(prefix));
    if (row.revoked_at || !api_key_hash_matches(hash, row.key_hash)) return unknown_key();
    SIGTRADER_TRY(const storage::UserRow user, store.find_user(row.user_id));
    SIGTRADER_TRY(const Role role, try_parse_role(user.role));
    if (auto touched = store.touch_api_key(row.id, now); !touched.ok()) {
      spdlog::warn("api: recording the use of key {}: {}", prefix, touched.error().message());
    }
    return Cached{Caller{user, role, prefix}, row.id, now};
  });
  if (!found.ok()) {
    if (found.error().code() == core::ErrorCode::kNotFound) return unknown_key();
    return found.error();
  }
  const std::lock_guard lock(mutex_);
  // A cache of verified keys only: an attacker's guesses never enter it.
  if (cache_.size() > 10'000) cache_.clear();
  cache_.insert_or_assign(hash, *found);
  return found->caller;
}

}  // namespace sigtrader::api
