#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::risk {

// A named bundle of risk limits; the config's risk.policy picks the one the engine starts with.
enum class RiskPolicy { kConservative, kModerate, kAggressive };

inline constexpr std::array<RiskPolicy, 3> kAllPolicies{
    RiskPolicy::kConservative, RiskPolicy::kModerate, RiskPolicy::kAggressive};

// "conservative" | "moderate" | "aggressive": the spelling of config files, the CLI and events.
std::string_view policy_name(RiskPolicy policy);
// The inverse of policy_name(); an error naming the accepted spellings otherwise.
core::Result<RiskPolicy> try_parse_policy(std::string_view name);

// What one policy allows. Percentages are of account equity; ATR distances are multiples of the
// instrument's average true range, used when an entry brings no stop or target of its own.
struct PolicyLimits {
  double risk_per_trade_pct;  // equity lost if the stop is hit, sizing the position
  int max_leverage;
  int max_open_positions;
  double min_confidence;   // entries from signals classified below this are refused
  double stop_atr;         // default stop-loss distance
  double take_profit_atr;  // default take-profit distance
  bool allow_entries_without_stop = false;  // false: an entry always ends up with a stop
  friend bool operator==(const PolicyLimits&, const PolicyLimits&) = default;
};

// The limits of each policy. Every step up doubles the risk per trade, raises leverage and the
// number of positions, accepts less certain signals and gives trades more room (stop and target
// keep a 1:2 reward-to-risk ratio):
//   conservative  0.5 %   3x  3 positions  confidence ≥ 0.8  stop 1.5 ATR  target 3 ATR
//   moderate      1 %     5x  5 positions  confidence ≥ 0.7  stop 2 ATR    target 4 ATR
//   aggressive    2 %    10x  8 positions  confidence ≥ 0.6  stop 2.5 ATR  target 5 ATR
const PolicyLimits& limits_of(RiskPolicy policy);

// The policy in force, switchable at runtime (CLI, API, Telegram); each switch is a RiskEvent of
// kind "policy_changed", published when a bus is given and kept in changes() for the store writer.
class PolicySwitch {
 public:
  static constexpr std::string_view kChangedKind = "policy_changed";

  // `bus` may be null; it must outlive the switch otherwise.
  explicit PolicySwitch(RiskPolicy initial = RiskPolicy::kModerate, bus::MessageBus* bus = nullptr);

  RiskPolicy active() const { return active_; }
  const PolicyLimits& limits() const { return limits_of(active_); }

  // Makes `policy` the active one at `ts`, on behalf of `who`; returns false (no event) when it
  // already is.
  bool switch_to(core::Timestamp ts, RiskPolicy policy, std::string_view who);

  // Every switch since construction (or the last take_changes()), oldest first.
  const std::vector<bus::RiskEvent>& changes() const { return changes_; }
  std::vector<bus::RiskEvent> take_changes();

 private:
  RiskPolicy active_;
  bus::MessageBus* bus_;
  std::vector<bus::RiskEvent> changes_;
};

}  // namespace sigtrader::risk
