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
// Fills are settled like spot trades: a buy of q at p spends p × q + fee of the quote asset and
// adds q of the base asset; a sell receives p × q − fee and removes q. Fees are in the quote asset.
// Base-asset balances hold the traded quantity as an amount of that asset (Money of BTC).
// Balances may go negative (a short, or margin): refusing orders that would overdraw is the risk
// layer's job, not the ledger's. Equity is quote cash plus Σ signed position quantity × mark,
// which counts a long's value and subtracts what a short owes.
//
// Maps are ordered, so iterating balances or positions is deterministic.
class Portfolio {
 public:
  explicit Portfolio(std::string quote_asset) : quote_asset_(std::move(quote_asset)) {}

  const std::string& quote_asset() const { return quote_asset_; }

  // Adds quote cash (negative withdraws). kOverflow leaves it unchanged.
  core::Status deposit(core::Money amount);
  // A fill of `symbol`, whose quote must be the portfolio's (kInvalidArgument otherwise); price
  // and quantity positive. Errors leave balances and positions unchanged.
  core::Status apply_fill(const core::Symbol& symbol, core::OrderSide side, core::Price price,
                          core::Quantity quantity, core::Money fee);

  // The balance of `asset`, zero when it never moved.
  core::Money balance(const std::string& asset) const;
  core::Money cash() const { return balance(quote_asset_); }
  const std::map<std::string, core::Money>& balances() const { return balances_; }

  // The position in `symbol`, or nullptr when it never traded.
  const Position* position(const core::Symbol& symbol) const;
  const std::map<core::Symbol, Position>& positions() const { return positions_; }

  // cash + Σ quantity × mark over open positions; kNotFound names a position without a mark.
  core::Result<core::Money> equity(const std::map<core::Symbol, core::Price>& marks) const;
  // Σ over positions, for reports.
  core::Money realized_pnl() const;
  core::Money fees() const;

 private:
  std::string quote_asset_;
  std::map<std::string, core::Money> balances_;
  std::map<core::Symbol, Position> positions_;
};

}  // namespace sigtrader::execution
