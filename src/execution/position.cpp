#include "execution/position.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "execution/average_price.hpp"

namespace sigtrader::execution {
namespace {

using core::Decimal;
using core::Money;
using core::OrderSide;
using core::Price;
using core::Quantity;

}  // namespace

core::Status Position::apply_fill(OrderSide side, Price price, Quantity quantity, Money fee) {
  if (!price.is_positive() || !quantity.is_positive()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("position {}: a fill needs a positive price and quantity, got "
                                   "{} {} @ {}",
                                   symbol_.to_string(), core::to_string(side), quantity.to_string(),
                                   price.to_string()));
  }
  // Work on a copy so that an error leaves this position as it was.
  Position next = *this;
  SIGTRADER_TRY(const Decimal fees, core::checked_add(fees_.decimal(), fee.decimal()));
  next.fees_ = Money(fees);

  const bool adds = is_flat() || (side == OrderSide::kBuy) == is_long();
  if (adds) {
    SIGTRADER_RETURN_IF_ERROR(next.add(side, price, quantity));
    *this = std::move(next);
    return {};
  }

  const Quantity open = quantity_.abs();
  const Quantity closed = std::min(quantity, open);
  Decimal released = cost_basis_.decimal();
  if (closed != open) {
    SIGTRADER_TRY(const Decimal share, core::checked_mul(released, closed.decimal()));
    SIGTRADER_TRY(released, core::checked_div(share, open.decimal(), cost_basis_.scale(),
                                              core::Rounding::kHalfEven));
  }
  SIGTRADER_TRY(const Decimal exit_value, core::checked_mul(price.decimal(), closed.decimal()));
  SIGTRADER_TRY(const Decimal gain, is_long() ? core::checked_sub(exit_value, released)
                                              : core::checked_sub(released, exit_value));
  SIGTRADER_TRY(const Decimal realized, core::checked_add(realized_pnl_.decimal(), gain));
  next.realized_pnl_ = Money(realized);

  if (closed == open) {
    next.quantity_ = Quantity::zero();
    next.cost_basis_ = Money::zero();
    next.average_entry_ = Price::zero();
    next.finest_price_scale_ = 0;
    const Quantity remainder = quantity - closed;
    if (remainder.is_positive()) SIGTRADER_RETURN_IF_ERROR(next.add(side, price, remainder));
  } else {
    SIGTRADER_TRY(const Decimal cost, core::checked_sub(cost_basis_.decimal(), released));
    next.cost_basis_ = Money(cost);
    next.quantity_ = is_long() ? quantity_ - closed : quantity_ + closed;
    SIGTRADER_TRY(next.average_entry_,
                  average_price(next.cost_basis_, next.quantity_.abs(), finest_price_scale_));
  }
  *this = std::move(next);
  return {};
}

core::Status Position::add(OrderSide side, Price price, Quantity quantity) {
  SIGTRADER_TRY(const Decimal notional, core::checked_mul(price.decimal(), quantity.decimal()));
  SIGTRADER_TRY(const Decimal cost, core::checked_add(cost_basis_.decimal(), notional));
  SIGTRADER_TRY(const Decimal signed_quantity,
                side == OrderSide::kBuy
                    ? core::checked_add(quantity_.decimal(), quantity.decimal())
                    : core::checked_sub(quantity_.decimal(), quantity.decimal()));
  const int price_scale = std::max(finest_price_scale_, price.scale());
  SIGTRADER_TRY(const Price average,
                average_price(Money(cost), Quantity(signed_quantity).abs(), price_scale));
  cost_basis_ = Money(cost);
  quantity_ = Quantity(signed_quantity);
  average_entry_ = average;
  finest_price_scale_ = price_scale;
  return {};
}

Money Position::unrealized_pnl(Price mark) const {
  if (is_flat()) return Money::zero();
  const Money value = mark * quantity_.abs();
  return is_long() ? value - cost_basis_ : cost_basis_ - value;
}

bus::PositionEvent to_event(const Position& position, Price mark, bus::EventHeader header) {
  bus::PositionEvent event;
  event.header = std::move(header);
  event.symbol = position.symbol();
  event.quantity = position.quantity();
  event.average_entry = position.average_entry();
  event.realized_pnl = position.realized_pnl();
  event.unrealized_pnl = position.unrealized_pnl(mark);
  event.fees = position.fees();
  return event;
}

}  // namespace sigtrader::execution
