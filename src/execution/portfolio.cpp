#include "execution/portfolio.hpp"

#include <utility>

#include <fmt/format.h>

namespace sigtrader::execution {

using core::Decimal;
using core::Money;

core::Status Portfolio::deposit(Money amount) {
  SIGTRADER_TRY(const Decimal cash,
                core::checked_add(balance(quote_asset_).decimal(), amount.decimal()));
  quote_cash_ = Money(cash);
  return {};
}

core::Status Portfolio::set_kind(const core::Symbol& symbol, core::InstrumentKind kind) {
  const Position* open = position(symbol);
  if (open != nullptr && !open->is_flat() && this->kind(symbol) != kind) {
    return core::Error(
        core::ErrorCode::kRejected,
        fmt::format("cannot make {} {} with a position of {} open", symbol.to_string(),
                    core::to_string(kind), open->quantity().to_string()));
  }
  if (kind == core::InstrumentKind::kSpot) {
    kinds_.erase(symbol);
  } else {
    kinds_.insert_or_assign(symbol, kind);
  }
  return {};
}

core::InstrumentKind Portfolio::kind(const core::Symbol& symbol) const {
  const auto found = kinds_.find(symbol);
  return found != kinds_.end() ? found->second : core::InstrumentKind::kSpot;
}

core::Status Portfolio::apply_funding(Money amount) {
  SIGTRADER_TRY(const Decimal total, core::checked_add(funding_.decimal(), amount.decimal()));
  SIGTRADER_RETURN_IF_ERROR(deposit(amount));
  funding_ = Money(total);
  return {};
}

core::Status Portfolio::apply_fill(const core::Symbol& symbol, core::OrderSide side,
                                   core::Price price, core::Quantity quantity, Money fee) {
  if (symbol.quote != quote_asset_) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("a fill of {} cannot settle in a portfolio kept in {}",
                                   symbol.to_string(), quote_asset_));
  }
  const auto existing = positions_.find(symbol);
  Position position = existing != positions_.end() ? existing->second : Position(symbol);
  const bool was_open = !position.is_flat();
  const Money realized_before = position.realized_pnl();
  SIGTRADER_RETURN_IF_ERROR(position.apply_fill(side, price, quantity, fee));
  const int opened = (position.is_flat() ? 0 : 1) - (was_open ? 1 : 0);

  if (kind(symbol) == core::InstrumentKind::kPerpetual) {
    // Only what the fill realized, less its fee, reaches cash: margin is the venue's business.
    SIGTRADER_TRY(const Decimal realized,
                  core::checked_sub(position.realized_pnl().decimal(), realized_before.decimal()));
    SIGTRADER_TRY(const Decimal gained, core::checked_sub(realized, fee.decimal()));
    SIGTRADER_TRY(const Decimal cash, core::checked_add(balance(quote_asset_).decimal(), gained));
    quote_cash_ = Money(cash);
    positions_.insert_or_assign(symbol, std::move(position));
    open_positions_ = static_cast<std::size_t>(static_cast<int>(open_positions_) + opened);
    return {};
  }

  // Cash moves by the notional, against the trade's direction, and always pays the fee.
  SIGTRADER_TRY(const Decimal notional, core::checked_mul(price.decimal(), quantity.decimal()));
  const bool buy = side == core::OrderSide::kBuy;
  const Decimal cash_before = balance(quote_asset_).decimal();
  SIGTRADER_TRY(const Decimal traded, buy ? core::checked_sub(cash_before, notional)
                                          : core::checked_add(cash_before, notional));
  SIGTRADER_TRY(const Decimal cash, core::checked_sub(traded, fee.decimal()));
  const Decimal base_before = balance(symbol.base).decimal();
  SIGTRADER_TRY(const Decimal base, buy ? core::checked_add(base_before, quantity.decimal())
                                        : core::checked_sub(base_before, quantity.decimal()));

  quote_cash_ = Money(cash);
  balances_[symbol.base] = Money(base);
  positions_.insert_or_assign(symbol, std::move(position));
  open_positions_ = static_cast<std::size_t>(static_cast<int>(open_positions_) + opened);
  return {};
}

Money Portfolio::balance(const std::string& asset) const {
  if (asset == quote_asset_) return quote_cash_;
  const auto found = balances_.find(asset);
  return found != balances_.end() ? found->second : Money::zero();
}

std::map<std::string, Money> Portfolio::balances() const {
  std::map<std::string, Money> all = balances_;
  all[quote_asset_] = quote_cash_;
  return all;
}

const Position* Portfolio::position(const core::Symbol& symbol) const {
  const auto found = positions_.find(symbol);
  return found != positions_.end() ? &found->second : nullptr;
}

core::Result<Money> Portfolio::equity(const std::map<core::Symbol, core::Price>& marks) const {
  Money total = cash();
  for (const auto& [symbol, position] : positions_) {
    if (position.is_flat()) continue;
    const auto mark = marks.find(symbol);
    if (mark == marks.end()) {
      return core::Error(core::ErrorCode::kNotFound,
                         fmt::format("no mark price for the open {} position of {}",
                                     symbol.to_string(), position.quantity().to_string()));
    }
    SIGTRADER_TRY(const Money value, value_at(symbol, position, mark->second));
    SIGTRADER_TRY(const Decimal sum, core::checked_add(total.decimal(), value.decimal()));
    total = Money(sum);
  }
  return total;
}

core::Result<Money> position_value(core::InstrumentKind kind, const Position& position,
                                   core::Price mark) {
  if (kind == core::InstrumentKind::kPerpetual) {
    // unrealized = ±(mark × |q| − cost basis), checked.
    SIGTRADER_TRY(const Decimal value,
                  core::checked_mul(mark.decimal(), position.quantity().abs().decimal()));
    return position.is_long() ? core::Result<Money>(Money(value) - position.cost_basis())
                              : core::Result<Money>(position.cost_basis() - Money(value));
  }
  SIGTRADER_TRY(const Decimal value,
                core::checked_mul(mark.decimal(), position.quantity().decimal()));
  return Money(value);
}

core::Result<Money> Portfolio::value_at(const core::Symbol& symbol, const Position& position,
                                        core::Price mark) const {
  return position_value(kind(symbol), position, mark);
}

core::Result<Money> Portfolio::equity_at(const core::Symbol& symbol, core::Price mark) const {
  if (open_positions_ == 0) return cash();
  const auto found = positions_.find(symbol);
  if (open_positions_ > 1 || found == positions_.end() || found->second.is_flat()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("equity at one mark of {}: {} positions are open",
                                   symbol.to_string(), open_positions_));
  }
  SIGTRADER_TRY(const Money value, value_at(symbol, found->second, mark));
  SIGTRADER_TRY(const Decimal sum, core::checked_add(cash().decimal(), value.decimal()));
  return Money(sum);
}

Money Portfolio::realized_pnl() const {
  Money total;
  for (const auto& [symbol, position] : positions_)
    total += position.realized_pnl();
  return total;
}

Money Portfolio::fees() const {
  Money total;
  for (const auto& [symbol, position] : positions_)
    total += position.fees();
  return total;
}

}  // namespace sigtrader::execution
