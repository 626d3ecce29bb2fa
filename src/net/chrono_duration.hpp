#pragma once

#include <chrono>

#include "core/time.hpp"

namespace sigtrader::net {

// A core::Duration as the std::chrono duration that Asio timers and standard waits take.
inline std::chrono::nanoseconds to_chrono(core::Duration duration) {
  return std::chrono::nanoseconds(duration.count_ns());
}

}  // namespace sigtrader::net
