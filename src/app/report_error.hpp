#pragma once

#include <string_view>

#include "core/error.hpp"

namespace sigtrader::app {

// Logs why a command failed (on stderr, in the chosen log format) and returns kExitFailed, so a
// command ends with `return report_error("db status", result.error());`.
int report_error(std::string_view command, const core::Error& error);

}  // namespace sigtrader::app
