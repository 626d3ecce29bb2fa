#pragma once

#include <string>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "storage/store.hpp"

namespace sigtrader::app {

// Makes a new API key for the user, stores its hash and returns the key (to show once).
core::Result<std::string> issue_api_key(storage::Store& store, core::UserId user,
                                        core::Timestamp now);

}  // namespace sigtrader::app
