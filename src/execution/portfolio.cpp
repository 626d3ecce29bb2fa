#include "execution/portfolio.hpp"

#include <utility>

#include <fmt/format.h>

namespace sigtrader::execution {

using core::Decimal;
using core::Money;

core::Status Portfolio::deposit(Money amount) {
  SIGTRADER_TRY(const Decimal cash,
                core::checked_add(balance(quote_asset_).decimal(), amount.decimal()));
  balances_[quote_asset_] = Money(cash);
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
  SIGTRADER_RETURN_IF_ERROR(position.apply_fill(side, price, quantity, fee));

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

  balances_[quote_asset_] = Money(cash);
  balances_[symbol.base] = Money(base);
  positions_.insert_or_assign(symbol, std::move(position));
  return {};
}

Money Portfolio::balance(const std::string& asset) const {
  const auto found = balances_.find(asset);
  return found != balances_.end() ? found->second : Money::zero();
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
    SIGTRADER_TRY(const Decimal value,
                  core::checked_mul(mark->second.decimal(), position.quantity().decimal()));
    SIGTRADER_TRY(const Decimal sum, core::checked_add(total.decimal(), value));
    total = Money(sum);
  }
  return total;
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
