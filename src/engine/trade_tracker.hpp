#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::engine {

// One round trip: from the fill that opened a position to the fill that made it flat again.
// Prices are averages over the entry and the exit fills (a take-profit ladder has several exits).
struct TradeRecord {
  core::Symbol symbol;
  core::PositionSide side = core::PositionSide::kLong;
  core::Timestamp entry_time;  // first entry fill
  core::Timestamp exit_time;   // the fill that closed it
  core::Price entry_price;
  core::Price exit_price;
  core::Quantity quantity;  // everything bought (long) or sold (short) on entry
  core::Money entry_notional;
  core::Money exit_notional;
  core::Money fees;            // both sides
  core::Money slippage;        // both sides, against the reference prices
  core::Money pnl;             // net of fees: (exit − entry) × quantity − fees for a long
  double return_pct = 0;       // pnl over the capital used: entry notional / leverage + entry fees
  std::string exit_reason;     // of the fill that closed it: signal, stop_loss, take_profit, ...
  bool closed_at_end = false;  // still open after the last candle, closed at its close
};

// One fill as the tracker needs it.
struct TrackedFill {
  core::OrderSide side = core::OrderSide::kBuy;
  core::Price price;
  core::Quantity quantity;
  core::Money fee;
  core::Money slippage;
  core::Timestamp ts;
  std::string_view
      reason;  // why the order was sent; the closing fill's reason ends up in the trade
  bool at_end = false;
};

// Turns the fills of each market into round trips. A fill larger than the open position closes
// it and opens the rest on the other side; its fee and slippage are split by quantity (rounded
// half-even to the fee's scale + 4 decimals, the closing part taking the rounding).
class TradeTracker {
 public:
  // One slot per market, in market order; `leverage` divides the capital a trade used.
  void add_market(core::Symbol symbol, int leverage);

  core::Status on_fill(std::size_t market, const TrackedFill& fill);

  // True while a round trip is open in `market`.
  bool is_open(std::size_t market) const { return !markets_[market].open_quantity.is_zero(); }
  const std::vector<TradeRecord>& trades() const { return trades_; }

 private:
  struct OpenTrade {
    core::Symbol symbol;
    int leverage = 1;
    core::Quantity open_quantity;  // unsigned; the side says which way
    TradeRecord trade;
    core::Quantity exit_quantity;
    core::Money entry_fees;
  };

  core::Status add_to(OpenTrade& open, const TrackedFill& fill, core::Quantity quantity,
                      core::Money fee, core::Money slippage);
  core::Status reduce(OpenTrade& open, const TrackedFill& fill, core::Quantity quantity,
                      core::Money fee, core::Money slippage);
  core::Status finish(OpenTrade& open, const TrackedFill& fill);

  std::vector<OpenTrade> markets_;
  std::vector<TradeRecord> trades_;
};

}  // namespace sigtrader::engine
