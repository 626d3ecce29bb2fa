#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "api/router.hpp"
#include "api/store_access.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace sigtrader::api {

// Turns an API key into its caller. Keys are looked up by prefix and checked against the stored
// hash; a verified key is remembered (by its hash, never the key) for a few seconds so that a busy
// client costs one hash per request, not a query. A revoked key stops working within that time.
class Authenticator {
 public:
  Authenticator(StoreAccess& store, const core::Clock& clock);

  // kInvalidArgument for a malformed key, kNotFound for an unknown or revoked one: both mean
  // 401 and say nothing about which keys exist.
  core::Result<Caller> authenticate(std::string_view key);

  // Also how often last_used_at is written for a busy key.
  static constexpr core::Duration kCacheFor = core::Duration::seconds(10);

 private:
  struct Cached {
    Caller caller;
    storage::ApiKeyRowId id;
    core::Timestamp verified_at;
  };

  StoreAccess& store_;
  const core::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Cached, std::less<>> cache_;  // by key hash
};

}  // namespace sigtrader::api
