#include "strategy/exit_plan.hpp"

#include <fmt/format.h>

namespace sigtrader::strategy {
namespace {

core::Error invalid(std::string message) {
  return core::Error(core::ErrorCode::kInvalidArgument, std::move(message));
}

bool is_percentage(core::Decimal value, bool allow_100) {
  const core::Decimal hundred = core::Decimal::from_int(100);
  return value.is_positive() && (allow_100 ? value <= hundred : value < hundred);
}

}  // namespace

core::Status ExitPlan::validate() const {
  if (stop_loss_pct && !is_percentage(*stop_loss_pct, false)) {
    return invalid(fmt::format("exits.stop_loss_pct = {}: expected a percentage in (0, 100)",
                               stop_loss_pct->to_string()));
  }
  if (trailing_stop_pct && !is_percentage(*trailing_stop_pct, false)) {
    return invalid(fmt::format("exits.trailing_stop_pct = {}: expected a percentage in (0, 100)",
                               trailing_stop_pct->to_string()));
  }
  if (break_even_after_pct && !break_even_after_pct->is_positive()) {
    return invalid(fmt::format("exits.break_even_after_pct = {}: expected a positive percentage",
                               break_even_after_pct->to_string()));
  }
  if (time_stop && time_stop->count_ns() <= 0) {
    return invalid("exits.time_stop: expected a positive duration such as \"48h\"");
  }
  core::Decimal previous;
  core::Decimal total;
  for (std::size_t i = 0; i < take_profits.size(); ++i) {
    const TakeProfitStep& step = take_profits[i];
    if (!step.distance_pct.is_positive() || step.distance_pct <= previous) {
      return invalid(fmt::format(
          "exits.take_profit[{}].pct = {}: expected a positive distance, farther than the step "
          "before",
          i, step.distance_pct.to_string()));
    }
    if (!step.fraction.is_positive() || step.fraction > core::Decimal::from_int(1)) {
      return invalid(fmt::format("exits.take_profit[{}].fraction = {}: expected a value in (0, 1]",
                                 i, step.fraction.to_string()));
    }
    previous = step.distance_pct;
    auto sum = core::checked_add(total, step.fraction);
    if (!sum) return sum.error();
    total = *sum;
  }
  if (total > core::Decimal::from_int(1)) {
    return invalid(
        fmt::format("exits.take_profit: the fractions add up to {}, more than the whole position",
                    total.to_string()));
  }
  return {};
}

}  // namespace sigtrader::strategy
