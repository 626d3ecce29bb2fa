#pragma once

#include <string>

#include "config/config.hpp"

namespace sigtrader::config {

// The config as TOML that load_config() reads back to the same values: every section and key in
// the key table's order, one `key = value` per line, secrets shown as "***" and commented out
// (they are only read from the environment), keys left unset as a comment.
std::string format_config(const Config& config);

}  // namespace sigtrader::config
