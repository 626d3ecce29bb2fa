#pragma once

#include <functional>

#include "core/time.hpp"

namespace sigtrader::net {

// How retries and rate-limit pauses wait. Injected so that tests record the wait instead of
// spending it.
using Sleeper = std::function<void(core::Duration)>;

// Blocks the calling thread for the duration.
Sleeper thread_sleeper();

}  // namespace sigtrader::net
