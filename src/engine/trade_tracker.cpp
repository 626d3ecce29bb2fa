#include "engine/trade_tracker.hpp"

#include <algorithm>

#include "execution/average_price.hpp"

namespace sigtrader::engine {
namespace {

core::PositionSide side_opened_by(core::OrderSide side) {
  return side == core::OrderSide::kBuy ? core::PositionSide::kLong : core::PositionSide::kShort;
}

// `amount` × part / whole, half-even, four decimals finer than the amount.
core::Result<core::Money> share_of(core::Money amount, core::Quantity part, core::Quantity whole) {
  SIGTRADER_TRY(const core::Decimal product, core::checked_mul(amount.decimal(), part.decimal()));
  SIGTRADER_TRY(const core::Decimal share,
                core::checked_div(product, whole.decimal(), std::min(18, amount.scale() + 4),
                                  core::Rounding::kHalfEven));
  return core::Money(share);
}

}  // namespace

void TradeTracker::add_market(core::Symbol symbol, int leverage) {
  OpenTrade open;
  open.symbol = std::move(symbol);
  open.leverage = std::max(1, leverage);
  markets_.push_back(std::move(open));
}

core::Status TradeTracker::on_fill(std::size_t market, const TrackedFill& fill) {
  OpenTrade& open = markets_.at(market);
  if (open.open_quantity.is_zero() || side_opened_by(fill.side) == open.trade.side) {
    return add_to(open, fill, fill.quantity, fill.fee, fill.slippage);
  }
  if (fill.quantity <= open.open_quantity) {
    return reduce(open, fill, fill.quantity, fill.fee, fill.slippage);
  }
  // A flip: the part up to the open quantity closes this trade, the rest opens the next one.
  const core::Quantity closing = open.open_quantity;
  const core::Quantity opening = fill.quantity - closing;
  SIGTRADER_TRY(const core::Money opening_fee, share_of(fill.fee, opening, fill.quantity));
  SIGTRADER_TRY(const core::Money opening_slippage,
                share_of(fill.slippage, opening, fill.quantity));
  SIGTRADER_RETURN_IF_ERROR(
      reduce(open, fill, closing, fill.fee - opening_fee, fill.slippage - opening_slippage));
  return add_to(open, fill, opening, opening_fee, opening_slippage);
}

core::Status TradeTracker::add_to(OpenTrade& open, const TrackedFill& fill, core::Quantity quantity,
                                  core::Money fee, core::Money slippage) {
  TradeRecord& trade = open.trade;
  if (open.open_quantity.is_zero()) {
    trade = TradeRecord{};
    trade.symbol = open.symbol;
    trade.side = side_opened_by(fill.side);
    trade.entry_time = fill.ts;
    open.exit_quantity = core::Quantity();
    open.entry_fees = core::Money();
  }
  trade.quantity += quantity;
  trade.entry_notional += fill.price * quantity;
  trade.fees += fee;
  trade.slippage += slippage;
  open.entry_fees += fee;
  open.open_quantity += quantity;
  SIGTRADER_TRY(trade.entry_price,
                execution::average_price(trade.entry_notional, trade.quantity, fill.price.scale()));
  return {};
}

core::Status TradeTracker::reduce(OpenTrade& open, const TrackedFill& fill, core::Quantity quantity,
                                  core::Money fee, core::Money slippage) {
  TradeRecord& trade = open.trade;
  trade.exit_notional += fill.price * quantity;
  trade.fees += fee;
  trade.slippage += slippage;
  open.exit_quantity += quantity;
  open.open_quantity -= quantity;
  trade.exit_time = fill.ts;
  trade.exit_reason = std::string(fill.reason);
  trade.closed_at_end = fill.at_end;
  if (!open.open_quantity.is_zero()) return {};
  return finish(open, fill);
}

core::Status TradeTracker::finish(OpenTrade& open, const TrackedFill& fill) {
  TradeRecord& trade = open.trade;
  SIGTRADER_TRY(trade.exit_price, execution::average_price(trade.exit_notional, open.exit_quantity,
                                                           fill.price.scale()));
  const core::Money gross = trade.side == core::PositionSide::kLong
                                ? trade.exit_notional - trade.entry_notional
                                : trade.entry_notional - trade.exit_notional;
  trade.pnl = gross - trade.fees;
  const double capital =
      trade.entry_notional.to_double() / open.leverage + open.entry_fees.to_double();
  trade.return_pct = capital > 0 ? trade.pnl.to_double() / capital : 0.0;
  trades_.push_back(trade);
  return {};
}

}  // namespace sigtrader::engine
