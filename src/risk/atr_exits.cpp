#include "risk/atr_exits.hpp"

#include <string>

#include <fmt/format.h>

#include "core/decimal.hpp"
#include "risk/amount_text.hpp"

namespace sigtrader::risk {
namespace {

// ATR multiples are config doubles; six decimals is finer than any multiple a person writes.
constexpr int kMultipleScale = 6;

enum class ExitSide { kLoss, kProfit };

// The price `multiple` × ATR from the entry, on the losing or the winning side of the request.
core::Result<core::Price> level_from_entry(const EntryRequest& request,
                                           const core::Instrument& instrument, core::Price atr,
                                           double multiple, ExitSide exit_side) {
  SIGTRADER_TRY(const core::Decimal factor, core::Decimal::from_double(multiple, kMultipleScale));
  SIGTRADER_TRY(const core::Decimal distance, core::checked_mul(atr.decimal(), factor));
  const bool is_long = request.side == core::PositionSide::kLong;
  const bool below = is_long == (exit_side == ExitSide::kLoss);
  SIGTRADER_TRY(const core::Decimal level,
                below ? core::checked_sub(request.entry.decimal(), distance)
                      : core::checked_add(request.entry.decimal(), distance));
  return instrument.round_price(core::Price(level));
}

std::string side_word(const EntryRequest& request, ExitSide exit_side) {
  const bool is_long = request.side == core::PositionSide::kLong;
  return is_long == (exit_side == ExitSide::kLoss) ? "below" : "above";
}

}  // namespace

ExitDerivation derive_missing_exits(EntryRequest& request, const core::Instrument& instrument,
                                    std::optional<core::Price> atr, const AtrExitRules& rules) {
  ExitDerivation derivation;
  const bool usable_atr = atr && atr->is_positive();
  if (!request.stop_loss) {
    if (!usable_atr) {
      const std::string why =
          atr ? fmt::format("no stop and the ATR {} cannot derive one", amount_text(*atr))
              : std::string("no stop and no ATR to derive one");
      if (rules.allow_entries_without_stop) {
        derivation.notes.push_back(
            {"no_stop", why + ": entered without a stop, as allow_entries_without_stop permits"});
      } else {
        derivation.reasons.push_back({"no_stop", why + "; entries without a stop are not allowed"});
      }
    } else {
      auto stop = level_from_entry(request, instrument, *atr, rules.stop_atr, ExitSide::kLoss);
      if (!stop.ok() || !stop->is_positive()) {
        derivation.reasons.push_back(
            {"no_stop",
             fmt::format("no stop, and {} ATR ({}) {} the entry {} leaves no valid "
                         "price for one",
                         rules.stop_atr, amount_text(*atr), side_word(request, ExitSide::kLoss),
                         amount_text(request.entry))});
      } else {
        request.stop_loss = *stop;
        derivation.notes.push_back(
            {"stop_derived",
             fmt::format("stop derived: {} ATR ({}) {} the entry {} = {}", rules.stop_atr,
                         amount_text(*atr), side_word(request, ExitSide::kLoss),
                         amount_text(request.entry), amount_text(*stop))});
      }
    }
  }
  if (request.targets.empty() && usable_atr) {
    auto target =
        level_from_entry(request, instrument, *atr, rules.take_profit_atr, ExitSide::kProfit);
    // A short's target can fall to zero or below with a huge ATR: then it keeps no target.
    if (target.ok() && target->is_positive()) {
      request.targets.push_back(*target);
      derivation.notes.push_back(
          {"targets_derived",
           fmt::format("target derived: {} ATR ({}) {} the entry {} = {}", rules.take_profit_atr,
                       amount_text(*atr), side_word(request, ExitSide::kProfit),
                       amount_text(request.entry), amount_text(*target))});
    }
  }
  return derivation;
}

}  // namespace sigtrader::risk
