#include "app/time_text.hpp"

namespace sigtrader::app {

std::string minute_or_dash(const std::optional<core::Timestamp>& ts) {
  return ts ? ts->to_iso8601().substr(0, 16) : "-";
}

}  // namespace sigtrader::app
