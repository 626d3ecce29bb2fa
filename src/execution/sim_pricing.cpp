#include "execution/sim_pricing.hpp"

#include <algorithm>

#include "core/assert.hpp"
#include "execution/sim_exchange_config.hpp"

namespace sigtrader::execution {
namespace {

using core::Decimal;
using core::Rounding;

// The values here are products of prices and quantities inside the documented range: a failure is
// a bug, not an input error.
Decimal must(core::Result<Decimal> value) {
  SIGTRADER_ASSERT(value.ok(), "simulated pricing out of the decimal range");
  return *value;
}

Decimal to_money_scale(Decimal value) {
  return must(value.rescaled(kSimMoneyScale, Rounding::kHalfEven));
}

}  // namespace

core::Money fee_for(core::Money notional, Decimal rate) {
  return core::Money(to_money_scale(must(core::checked_mul(notional.decimal(), rate))));
}

core::Price slipped_price(core::Price price, core::OrderSide side, Decimal bps, core::Price tick) {
  if (bps.is_zero()) return price;
  const Decimal move = must(core::checked_mul(bps, Decimal::parse("0.0001")));
  const Decimal one = Decimal::from_int(1);
  const Decimal factor = side == core::OrderSide::kBuy ? must(core::checked_add(one, move))
                                                       : must(core::checked_sub(one, move));
  const core::Price moved(must(core::checked_mul(price.decimal(), factor)));
  const auto rounded =
      moved.round_to(tick, side == core::OrderSide::kBuy ? Rounding::kUp : Rounding::kDown);
  SIGTRADER_ASSERT(rounded.ok(), "slipped price out of range");
  return *rounded;
}

core::Money margin_for(core::Money notional, int leverage) {
  SIGTRADER_ASSERT(leverage >= 1, "leverage of at least 1");
  return core::Money(must(core::checked_div(notional.decimal(), Decimal::from_int(leverage),
                                            kSimMoneyScale, Rounding::kHalfEven)));
}

core::Price liquidation_price(core::PositionSide side, core::Price entry, int leverage,
                              Decimal maintenance_margin_rate, core::Price tick) {
  SIGTRADER_ASSERT(leverage >= 1, "leverage of at least 1");
  // entry × (L − 1 + mmr × L) / L for a long, entry × (L + 1 − mmr × L) / L for a short: one
  // division, rounded the same way as the final tick rounding so the two cannot disagree.
  const Decimal l = Decimal::from_int(leverage);
  const Decimal mmr_l = must(core::checked_mul(maintenance_margin_rate, l));
  const bool is_long = side == core::PositionSide::kLong;
  const Decimal numerator_factor =
      is_long ? must(core::checked_add(Decimal::from_int(leverage - 1), mmr_l))
              : must(core::checked_sub(Decimal::from_int(leverage + 1), mmr_l));
  const Decimal numerator = must(core::checked_mul(entry.decimal(), numerator_factor));
  const Rounding towards_entry = is_long ? Rounding::kUp : Rounding::kDown;
  const int scale = std::min(Decimal::kMaxScale, tick.scale() + 4);
  const core::Price exact(must(core::checked_div(numerator, l, scale, towards_entry)));
  const auto rounded = exact.round_to(tick, towards_entry);
  SIGTRADER_ASSERT(rounded.ok(), "liquidation price out of range");
  return *rounded;
}

core::Money funding_amount(core::Quantity signed_quantity, core::Price mark, Decimal rate) {
  const Decimal value = must(core::checked_mul(signed_quantity.decimal(), mark.decimal()));
  return core::Money(-to_money_scale(must(core::checked_mul(value, rate))));
}

}  // namespace sigtrader::execution
