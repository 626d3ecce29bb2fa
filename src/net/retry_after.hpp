#pragma once

#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace sigtrader::net {

// How long a `Retry-After` header value asks to wait (RFC 9110 section 10.2.3): delay-seconds
// ("120", what Binance sends with 429 and 418) or an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00
// GMT") measured from `now`; a date already past means no wait. nullopt for anything else.
std::optional<core::Duration> parse_retry_after(std::string_view value, core::Timestamp now);

}  // namespace sigtrader::net
