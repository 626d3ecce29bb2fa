#pragma once

#include <filesystem>
#include <string_view>

#include "config/config.hpp"
#include "config/environment.hpp"
#include "core/result.hpp"

namespace sigtrader::config {

// Reads a sigtrader.toml file, then applies every SIGTRADER_SECTION__KEY variable of `env` on top
// (SIGTRADER_RISK__DAILY_LOSS_PCT=3 sets risk.daily_loss_pct). Keys missing from both keep their
// defaults (config.hpp).
//
// Fails with kConfig listing every problem found, one per line, each naming where it is, the key,
// the value and what was expected:
//   sigtrader.toml:7: risk.daily_loss_pct = 250: expected a number in (0, 100]
//   env SIGTRADER_API__PORT="http": expected an integer in 1..65535
// Unknown sections and keys (in the file or as SIGTRADER_X__Y variables) are errors, with a
// "did you mean" hint when a known name is close. A secret-looking key in the file is refused
// without echoing its value: secrets come only from the environment. Fails with kIo when the file
// cannot be read.
core::Result<Config> load_config(const std::filesystem::path& file, const Environment& env);

// The same for TOML text; `origin_name` stands for the file in messages ("sigtrader.toml:7: ...").
// Never throws, whatever the bytes.
core::Result<Config> load_config_from_string(std::string_view toml, std::string_view origin_name,
                                             const Environment& env);

}  // namespace sigtrader::config
