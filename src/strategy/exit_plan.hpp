#pragma once

#include <optional>
#include <vector>

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::strategy {

// One rung of a take-profit ladder: close `fraction` of the entry quantity once price has moved
// `distance_pct` in the position's favour from the average entry.
struct TakeProfitStep {
  core::Decimal distance_pct;
  core::Decimal fraction;  // of the entry quantity, in (0, 1]
};

// How a position is left once it is open. The kernel places these as reduce-only orders on the
// venue as soon as the entry fills, so the exchange (or SimExchange, along its intrabar path)
// decides which is hit first; percentages are of the average entry price.
struct ExitPlan {
  std::optional<core::Decimal> stop_loss_pct;
  std::vector<TakeProfitStep> take_profits;  // nearest first; fractions sum to at most 1
  // The stop follows the best close since entry at this distance; it only ever tightens.
  std::optional<core::Decimal> trailing_stop_pct;
  // Once price has moved this far in favour, the stop moves to the entry price (no loss left).
  std::optional<core::Decimal> break_even_after_pct;
  // Closes at market once the position has been open this long (checked on each candle close).
  std::optional<core::Duration> time_stop;

  bool empty() const {
    return !stop_loss_pct && take_profits.empty() && !trailing_stop_pct && !break_even_after_pct &&
           !time_stop;
  }
  // Positive percentages below 100 for the stop, ascending take-profit distances, fractions in
  // (0, 1] summing to at most 1, a positive time stop. kInvalidArgument names the field.
  core::Status validate() const;
};

}  // namespace sigtrader::strategy
