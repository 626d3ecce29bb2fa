#pragma once

#include <map>
#include <string>

#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "execution/position.hpp"

namespace sigtrader::execution {

// One account's balances per asset and its netting positions per symbol, all in one quote asset.
//
// Spot fills (the default kind of a symbol) are settled like spot trades: a buy of q at p spends p
// × q + fee of the quote asset and adds q of the base asset; a sell receives p × q − fee and
// removes q. Fees are in the quote asset. Base-asset balances hold the traded quantity as an amount
// of that asset (Money of BTC). Balances may go negative (a short, or margin): refusing orders that
// would overdraw is the risk layer's job, not the ledger's. Equity is quote cash plus Σ signed
// position quantity × mark, which counts a long's value and subtracts what a short owes.
//
// Perpetual symbols (set_kind) exchange no notional: a fill moves quote cash by the realized PnL it
// closes minus its fee, and the position counts in equity by its unrealized PnL at the mark.
// Funding payments go to quote cash. So equity = cash + Σ spot quantity × mark + Σ perpetual
// unrealized PnL.
//
// Maps are ordered, so iterating balances or positions is deterministic.
class Portfolio {
 public:
  explicit Portfolio(std::string quote_asset) : quote_asset_(std::move(quote_asset)) {}

  const std::string& quote_asset() const { return quote_asset_; }

  // How fills of `symbol` settle from now on; every symbol is spot until set otherwise. Set it
  // before the symbol's first fill (kind changes under an open position are refused: kRejected).
  core::Status set_kind(const core::Symbol& symbol, core::InstrumentKind kind);
  core::InstrumentKind kind(const core::Symbol& symbol) const;

  // Adds quote cash (negative withdraws). kOverflow leaves it unchanged.
  core::Status deposit(core::Money amount);
  // A fill of `symbol`, whose quote must be the portfolio's (kInvalidArgument otherwise); price
  // and quantity positive. Errors leave balances and positions unchanged.
  core::Status apply_fill(const core::Symbol& symbol, core::OrderSide side, core::Price price,
                          core::Quantity quantity, core::Money fee);

  // The balance of `asset`, zero when it never moved.
  core::Money balance(const std::string& asset) const;
  // O(1), without a lookup by name: a backtest values the account on every candle.
  core::Money cash() const { return quote_cash_; }
  // Every asset that ever moved, and the quote asset.
  std::map<std::string, core::Money> balances() const;

  // The position in `symbol`, or nullptr when it never traded.
  const Position* position(const core::Symbol& symbol) const;
  const std::map<core::Symbol, Position>& positions() const { return positions_; }

  // A funding payment of a perpetual (positive when received) into quote cash.
  core::Status apply_funding(core::Money amount);
  // Σ funding payments so far.
  core::Money funding() const { return funding_; }

  // cash + each open position's value at its mark (see the class comment); kNotFound names a
  // position without a mark.
  core::Result<core::Money> equity(const std::map<core::Symbol, core::Price>& marks) const;
  // The same with at most one open position, in `symbol`: no map built per call, for a backtest
  // that values the account every candle. kInvalidArgument when another symbol has a position.
  core::Result<core::Money> equity_at(const core::Symbol& symbol, core::Price mark) const;
  std::size_t open_positions() const { return open_positions_; }
  // Σ over positions, for reports.
  core::Money realized_pnl() const;
  core::Money fees() const;

 private:
  // What an open position adds to equity at `mark`.
  core::Result<core::Money> value_at(const core::Symbol& symbol, const Position& position,
                                     core::Price mark) const;

  std::string quote_asset_;
  core::Money quote_cash_;
  std::map<std::string, core::Money> balances_;  // the other assets
  std::map<core::Symbol, Position> positions_;
  std::map<core::Symbol, core::InstrumentKind> kinds_;  // only the non-spot ones
  std::size_t open_positions_ = 0;
  core::Money funding_;
};

// What an open position adds to equity at `mark`: spot holdings at their value (quantity × mark),
// a perpetual by its unrealized PnL. kOverflow when it does not fit.
core::Result<core::Money> position_value(core::InstrumentKind kind, const Position& position,
                                         core::Price mark);

}  // namespace sigtrader::execution
