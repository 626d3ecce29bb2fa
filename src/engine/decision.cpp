#include "engine/decision.hpp"

#include <fmt/format.h>

namespace sigtrader::engine {

std::string describe(const Decision& decision, const std::string& symbol) {
  std::string size = decision.quote_quantity
                         ? fmt::format("quote {}", decision.quote_quantity->to_string())
                         : decision.quantity.to_string();
  std::string price = decision.price ? fmt::format(" @ {}", decision.price->to_string()) : "";
  return fmt::format("{} {} {} {} {}{} ({})", decision.ts.to_iso8601(), symbol,
                     core::to_string(decision.side), core::to_string(decision.type), size, price,
                     decision.reason);
}

}  // namespace sigtrader::engine
