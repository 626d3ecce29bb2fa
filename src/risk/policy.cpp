#include "risk/policy.hpp"

#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "core/error.hpp"

namespace sigtrader::risk {
namespace {

constexpr PolicyLimits kConservativeLimits{0.5, 3, 3, 0.8, 1.5, 3.0};
constexpr PolicyLimits kModerateLimits{1.0, 5, 5, 0.7, 2.0, 4.0};
constexpr PolicyLimits kAggressiveLimits{2.0, 10, 8, 0.6, 2.5, 5.0};

}  // namespace

std::string_view policy_name(RiskPolicy policy) {
  switch (policy) {
    case RiskPolicy::kConservative:
      return "conservative";
    case RiskPolicy::kModerate:
      return "moderate";
    case RiskPolicy::kAggressive:
      return "aggressive";
  }
  SIGTRADER_ASSERT(false, "unknown RiskPolicy");
  return "";
}

core::Result<RiskPolicy> try_parse_policy(std::string_view name) {
  for (RiskPolicy policy : kAllPolicies) {
    if (policy_name(policy) == name) return policy;
  }
  return core::Error(core::ErrorCode::kInvalidArgument,
                     fmt::format("unknown risk policy \"{}\"; expected conservative, moderate or "
                                 "aggressive",
                                 name));
}

const PolicyLimits& limits_of(RiskPolicy policy) {
  switch (policy) {
    case RiskPolicy::kConservative:
      return kConservativeLimits;
    case RiskPolicy::kModerate:
      return kModerateLimits;
    case RiskPolicy::kAggressive:
      return kAggressiveLimits;
  }
  SIGTRADER_ASSERT(false, "unknown RiskPolicy");
  return kModerateLimits;
}

PolicySwitch::PolicySwitch(RiskPolicy initial, bus::MessageBus* bus)
    : active_(initial), bus_(bus) {}

bool PolicySwitch::switch_to(core::Timestamp ts, RiskPolicy policy, std::string_view who) {
  if (policy == active_) return false;
  const std::string from(policy_name(active_));
  const std::string to(policy_name(policy));
  active_ = policy;
  changes_.push_back(
      bus::RiskEvent{{ts, ts, {}},
                     std::string(kChangedKind),
                     std::nullopt,
                     fmt::format("policy changed from {} to {} by {}", from, to, who),
                     {{"from", from}, {"to", to}, {"by", std::string(who)}}});
  if (bus_ != nullptr) bus_->publish(changes_.back());
  return true;
}

std::vector<bus::RiskEvent> PolicySwitch::take_changes() {
  return std::exchange(changes_, {});
}

}  // namespace sigtrader::risk
