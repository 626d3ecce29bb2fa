#pragma once

#include <utility>

#include "bus/events.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"

namespace sigtrader::execution {

// A netting position in one symbol: one signed quantity (negative = short) that every fill moves.
//
// The open quantity's cost basis is kept as exact Money (Σ entry price × quantity), so the average
// entry is derived from it (see average_price()) and never drifts. Fills that add to the position
// add to the cost basis. Fills that reduce it release the closed part's share of the cost basis
// and realize
//   long:  exit × closed − released cost   (= (exit − entry) × closed)
//   short: released cost − exit × closed   (= (entry − exit) × closed)
// A partial close releases cost × closed / open, rounded half-even at the cost basis' scale; the
// rest stays in the position, so a full close always realizes the exact total. A fill larger than
// the position closes it and opens the remainder on the other side at the fill price.
//
// Realized PnL is gross; fees (in the quote asset, negative for a rebate) are kept apart and
// net_realized_pnl() subtracts them.
class Position {
 public:
  Position() = default;
  explicit Position(core::Symbol symbol) : symbol_(std::move(symbol)) {}

  // Price and quantity must be positive; errors (kInvalidArgument, kOverflow) leave it unchanged.
  core::Status apply_fill(core::OrderSide side, core::Price price, core::Quantity quantity,
                          core::Money fee);

  const core::Symbol& symbol() const { return symbol_; }
  // Signed: positive long, negative short, zero flat.
  core::Quantity quantity() const { return quantity_; }
  bool is_flat() const { return quantity_.is_zero(); }
  bool is_long() const { return quantity_.is_positive(); }
  bool is_short() const { return quantity_.is_negative(); }
  // Σ entry price × |quantity| of what is open; zero when flat.
  core::Money cost_basis() const { return cost_basis_; }
  // cost_basis / |quantity|; zero when flat.
  core::Price average_entry() const { return average_entry_; }
  core::Money realized_pnl() const { return realized_pnl_; }
  core::Money fees() const { return fees_; }
  core::Money net_realized_pnl() const { return realized_pnl_ - fees_; }
  // What closing everything at `mark` would realize (before fees); zero when flat.
  core::Money unrealized_pnl(core::Price mark) const;

 private:
  core::Status add(core::OrderSide side, core::Price price, core::Quantity quantity);

  core::Symbol symbol_;
  core::Quantity quantity_;
  core::Money cost_basis_;
  core::Price average_entry_;
  int finest_price_scale_ = 0;  // the largest scale among entry prices, for the average
  core::Money realized_pnl_;
  core::Money fees_;
};

// The position after a change, with its unrealized PnL at `mark`.
bus::PositionEvent to_event(const Position& position, core::Price mark, bus::EventHeader header);

}  // namespace sigtrader::execution
