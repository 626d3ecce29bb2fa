#include "core/ids.hpp"

#include <fmt/format.h>

namespace sigtrader::core {

ClientOrderIdGenerator::ClientOrderIdGenerator(std::string prefix, const Clock& clock)
    : prefix_(std::move(prefix)), start_ms_(clock.now().ms()) {
  SIGTRADER_ASSERT(!prefix_.empty() && prefix_.size() <= 12, "order id prefix of 1..12 characters");
  for (char c : prefix_) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    SIGTRADER_ASSERT(allowed, "order id prefix of letters, digits and '_'");
  }
}

ClientOrderId ClientOrderIdGenerator::next() {
  return ClientOrderId(fmt::format("{}-{}-{}", prefix_, start_ms_, ++sequence_));
}

}  // namespace sigtrader::core
