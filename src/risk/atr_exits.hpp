#pragma once

#include <optional>
#include <vector>

#include "core/instrument.hpp"
#include "core/money.hpp"
#include "risk/entry_request.hpp"

namespace sigtrader::risk {

// How far from the entry a missing stop-loss and take-profit go, in multiples of the ATR
// (PolicyLimits::stop_atr / take_profit_atr), and whether an entry may go ahead with no stop.
struct AtrExitRules {
  double stop_atr = 2.0;
  double take_profit_atr = 4.0;
  bool allow_entries_without_stop = false;
};

// What filling in the missing exits did: one note per derived level ("stop_derived",
// "targets_derived", "no_stop") and one reason when the entry cannot go ahead ("no_stop").
struct ExitDerivation {
  std::vector<RiskReason> notes;
  std::vector<RiskReason> reasons;
};

// Gives `request` the exits it lacks. Without a stop: `stop_atr` × ATR below the entry of a long
// (above for a short); with no ATR either, the entry is refused ("no_stop") unless
// allow_entries_without_stop. Without targets: one target `take_profit_atr` × ATR on the winning
// side; with no ATR it stays without targets. Levels are rounded to the nearest tick. Long at
// 42000, ATR 300, 2 and 4 ATR: stop 41400, target 43200. The request's own levels are never
// changed.
ExitDerivation derive_missing_exits(EntryRequest& request, const core::Instrument& instrument,
                                    std::optional<core::Price> atr, const AtrExitRules& rules);

}  // namespace sigtrader::risk
