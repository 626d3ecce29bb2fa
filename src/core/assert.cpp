#include "core/assert.hpp"

#include <cstdio>
#include <cstdlib>

namespace sigtrader::core {

void assertion_failed(std::string_view condition, std::string_view message, const char* file,
                      int line) {
  std::fprintf(stderr, "sigtrader: assertion failed at %s:%d: %.*s (%.*s)\n", file, line,
               static_cast<int>(message.size()), message.data(), static_cast<int>(condition.size()),
               condition.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace sigtrader::core
