#include "engine/paper_names.hpp"

#include <fmt/format.h>

namespace sigtrader::engine {

std::string paper_order_prefix(storage::PaperSessionId session) {
  return fmt::format("p{}", session.value());
}

std::string paper_client_prefix(storage::PaperSessionId session) {
  return paper_order_prefix(session) + "-";
}

std::string paper_venue(storage::PaperSessionId session) {
  return "sim:" + paper_order_prefix(session);
}

}  // namespace sigtrader::engine
