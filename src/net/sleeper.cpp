#include "net/sleeper.hpp"

#include <chrono>
#include <thread>

namespace sigtrader::net {

Sleeper thread_sleeper() {
  return [](core::Duration duration) {
    if (duration.count_ns() > 0) {
      std::this_thread::sleep_for(std::chrono::nanoseconds(duration.count_ns()));
    }
  };
}

}  // namespace sigtrader::net
