#pragma once

#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "risk/entry_request.hpp"

namespace sigtrader::risk {

// How a signal's symbol is traded at the venue: under another name, and in units of
// `price_multiplier` of the signal's. Binance's futures list PEPE as 1000PEPE/USDT: one unit there
// is 1000 PEPE, priced at 1000 × PEPE's price, so a PEPE/USDT signal maps with
// {1000PEPE/USDT, 1000} and its entry 0.000012 becomes 0.012.
struct SymbolMapping {
  core::Symbol venue_symbol;
  core::Decimal price_multiplier = core::Decimal::from_int(1);  // > 0
  friend bool operator==(const SymbolMapping&, const SymbolMapping&) = default;
};

// Puts the request's entry, stop and targets in venue units: each × price_multiplier, rounded to
// the instrument's tick. The entry and the targets go to the nearest tick; the stop goes away from
// the entry (down for a long, up for a short), so rounding never tightens it. A multiplier of 1
// changes nothing (prices already in venue units are left exactly as the signal gave them).
// kRejected naming the price when a product does not fit or rounds to zero or below.
core::Status to_venue_units(EntryRequest& request, core::Decimal price_multiplier,
                            const core::Instrument& instrument);

}  // namespace sigtrader::risk
