#pragma once

#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::market {

// One public trade: its time, price, size, and the side of the order that took liquidity.
struct Tick {
  core::Timestamp ts;
  core::Price price;
  core::Quantity quantity;
  core::OrderSide aggressor = core::OrderSide::kBuy;

  friend bool operator==(const Tick&, const Tick&) = default;
};

// The best bid and ask of an order book at one instant.
struct BookTop {
  core::Timestamp ts;
  core::Price bid_price;
  core::Quantity bid_quantity;
  core::Price ask_price;
  core::Quantity ask_quantity;

  friend bool operator==(const BookTop&, const BookTop&) = default;
};

}  // namespace sigtrader::market
