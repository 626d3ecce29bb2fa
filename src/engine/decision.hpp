#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::engine {

// One order the kernel sent, as decided: what the lookahead check compares between runs.
struct Decision {
  core::Timestamp ts;
  std::size_t market = 0;
  core::ClientOrderId client_order_id;
  core::OrderSide side = core::OrderSide::kBuy;
  core::OrderType type = core::OrderType::kMarket;
  core::Quantity quantity;                    // zero for a quote order
  std::optional<core::Money> quote_quantity;  // "spend this much"
  std::optional<core::Price> price;           // limit or trigger price
  std::string reason;

  friend bool operator==(const Decision&, const Decision&) = default;
};

// "2024-01-03T05:00:00Z BTC/USDT buy market quote 10000 (signal)": for lookahead reports.
std::string describe(const Decision& decision, const std::string& symbol);

}  // namespace sigtrader::engine
