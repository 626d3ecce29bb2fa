#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"

// How the CLI's tables show an instant.
namespace sigtrader::app {

// The UTC date and time to the minute, "2024-01-01T00:01"; "-" when there is none.
std::string minute_or_dash(const std::optional<core::Timestamp>& ts);

}  // namespace sigtrader::app
