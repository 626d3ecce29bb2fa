#include "net/sleeper.hpp"

#include <thread>

#include "net/chrono_duration.hpp"

namespace sigtrader::net {

Sleeper thread_sleeper() {
  return [](core::Duration duration) {
    if (duration.count_ns() > 0) {
      std::this_thread::sleep_for(to_chrono(duration));
    }
  };
}

}  // namespace sigtrader::net
