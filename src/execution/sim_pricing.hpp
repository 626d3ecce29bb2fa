#pragma once

#include "core/decimal.hpp"
#include "core/money.hpp"
#include "core/side.hpp"

// The arithmetic of simulated fills, in exact decimals. Every amount that is not a plain product
// (fees, margins, funding) is rounded half-even to kSimMoneyScale decimals, so results do not
// depend on the order operations ran in.
namespace sigtrader::execution {

// rate × notional, half-even to kSimMoneyScale decimals (negative for a maker rebate).
core::Money fee_for(core::Money notional, core::Decimal rate);

// `price` moved `bps` basis points against the taker (a buy pays more, a sell receives less) and
// rounded to the tick against the taker too, so slippage never rounds away to the taker's benefit.
core::Price slipped_price(core::Price price, core::OrderSide side, core::Decimal bps,
                          core::Price tick);

// Isolated initial margin: notional / leverage, half-even to kSimMoneyScale decimals.
core::Money margin_for(core::Money notional, int leverage);

// Isolated-margin liquidation price of a position opened at `entry` (the average entry):
//   long:  entry × (1 − 1/L + mmr)      short: entry × (1 + 1/L − mmr)
// i.e. the price at which the loss has eaten the initial margin down to the maintenance margin
// (mmr × notional). Rounded to the tick towards the entry, so the simulation liquidates no later
// than the formula says.
core::Price liquidation_price(core::PositionSide side, core::Price entry, int leverage,
                              core::Decimal maintenance_margin_rate, core::Price tick);

// −signed quantity × mark × rate, half-even to kSimMoneyScale decimals: with a positive rate a
// long pays and a short receives.
core::Money funding_amount(core::Quantity signed_quantity, core::Price mark, core::Decimal rate);

}  // namespace sigtrader::execution
