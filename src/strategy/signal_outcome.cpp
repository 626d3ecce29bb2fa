#include "strategy/signal_outcome.hpp"

#include <cmath>

namespace sigtrader::strategy {
namespace {

constexpr int kPriceScale = 8;

std::optional<core::Price> average(core::Money value, core::Quantity quantity) {
  if (!quantity.is_positive()) return std::nullopt;
  auto price = core::checked_div(value.decimal(), quantity.decimal(), kPriceScale,
                                 core::Rounding::kHalfEven);
  if (!price) return std::nullopt;
  return core::Price(*price);
}

}  // namespace

std::string_view to_string(SignalEnd end) {
  switch (end) {
    case SignalEnd::kOpen:
      return "open";
    case SignalEnd::kAllTargets:
      return "all_targets";
    case SignalEnd::kStopped:
      return "stopped";
    case SignalEnd::kPartial:
      return "partial";
    case SignalEnd::kExpired:
      return "expired";
    case SignalEnd::kCanceled:
      return "canceled";
    case SignalEnd::kRejected:
      return "rejected";
  }
  return "open";
}

std::optional<core::Price> SignalOutcome::average_entry() const {
  return average(entry_value, entered);
}

std::optional<core::Price> SignalOutcome::average_exit() const {
  return average(exit_value, exited);
}

core::Money SignalOutcome::pnl() const {
  const bool is_long = side.value_or(core::PositionSide::kLong) == core::PositionSide::kLong;
  // Only the exited part has a result; the entries still open are valued at their cost.
  core::Money cost_of_exited = entry_value;
  if (exited < entered) {
    const std::optional<core::Price> entry = average_entry();
    cost_of_exited = entry ? exited * *entry : core::Money();
  }
  const core::Money gross = is_long ? exit_value - cost_of_exited : cost_of_exited - exit_value;
  return gross - fees;
}

std::optional<double> SignalOutcome::r_multiple() const {
  const std::optional<core::Price> entry = average_entry();
  if (!entry || !stop_at_entry) return std::nullopt;
  const double risk =
      std::abs(entry->to_double() - stop_at_entry->to_double()) * entered.to_double();
  if (!(risk > 0)) return std::nullopt;
  return pnl().to_double() / risk;
}

void SignalOutcome::add_entry_fill(core::Timestamp ts, core::Quantity quantity, core::Price price,
                                   core::Money fee) {
  if (!opened_at) opened_at = ts;
  entered += quantity;
  entry_value += quantity * price;
  fees += fee;
}

void SignalOutcome::add_exit_fill(core::Quantity quantity, core::Price price, core::Money fee) {
  exited += quantity;
  exit_value += quantity * price;
  fees += fee;
}

void SignalOutcome::reach_target(std::size_t level, core::Timestamp ts) {
  while (target_reached_at.size() <= level)
    target_reached_at.push_back(ts);
}

}  // namespace sigtrader::strategy
