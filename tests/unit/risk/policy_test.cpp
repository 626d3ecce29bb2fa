#include "risk/policy.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bus/message_bus.hpp"

namespace sigtrader::risk {
namespace {

TEST(RiskPolicy, NamesReadBackAsTheSamePolicy) {
  EXPECT_EQ(policy_name(RiskPolicy::kConservative), "conservative");
  EXPECT_EQ(policy_name(RiskPolicy::kModerate), "moderate");
  EXPECT_EQ(policy_name(RiskPolicy::kAggressive), "aggressive");
  for (RiskPolicy policy : kAllPolicies) {
    const auto parsed = try_parse_policy(policy_name(policy));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, policy);
  }
}

TEST(RiskPolicy, AnUnknownNameIsAnErrorListingTheNamesItAccepts) {
  const auto parsed = try_parse_policy("yolo");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(parsed.error().message(),
            "unknown risk policy \"yolo\"; expected conservative, moderate or aggressive");
}

TEST(RiskPolicy, ConservativeLimits) {
  const PolicyLimits& limits = limits_of(RiskPolicy::kConservative);
  EXPECT_EQ(limits.risk_per_trade_pct, 0.5);
  EXPECT_EQ(limits.max_leverage, 3);
  EXPECT_EQ(limits.max_open_positions, 3);
  EXPECT_EQ(limits.min_confidence, 0.8);
  EXPECT_EQ(limits.stop_atr, 1.5);
  EXPECT_EQ(limits.take_profit_atr, 3.0);
  EXPECT_FALSE(limits.allow_entries_without_stop);
}

TEST(RiskPolicy, ModerateLimits) {
  const PolicyLimits& limits = limits_of(RiskPolicy::kModerate);
  EXPECT_EQ(limits.risk_per_trade_pct, 1.0);
  EXPECT_EQ(limits.max_leverage, 5);
  EXPECT_EQ(limits.max_open_positions, 5);
  EXPECT_EQ(limits.min_confidence, 0.7);
  EXPECT_EQ(limits.stop_atr, 2.0);
  EXPECT_EQ(limits.take_profit_atr, 4.0);
  EXPECT_FALSE(limits.allow_entries_without_stop);
}

TEST(RiskPolicy, AggressiveLimits) {
  const PolicyLimits& limits = limits_of(RiskPolicy::kAggressive);
  EXPECT_EQ(limits.risk_per_trade_pct, 2.0);
  EXPECT_EQ(limits.max_leverage, 10);
  EXPECT_EQ(limits.max_open_positions, 8);
  EXPECT_EQ(limits.min_confidence, 0.6);
  EXPECT_EQ(limits.stop_atr, 2.5);
  EXPECT_EQ(limits.take_profit_atr, 5.0);
  EXPECT_FALSE(limits.allow_entries_without_stop);
}

TEST(PolicySwitch, StartsOnModerateUnlessToldOtherwise) {
  EXPECT_EQ(PolicySwitch().active(), RiskPolicy::kModerate);
  const PolicySwitch conservative(RiskPolicy::kConservative);
  EXPECT_EQ(conservative.active(), RiskPolicy::kConservative);
  EXPECT_EQ(conservative.limits(), limits_of(RiskPolicy::kConservative));
}

TEST(PolicySwitch, SwitchesAtRuntimeAndPublishesPolicyChanged) {
  bus::MessageBus bus;
  std::vector<bus::RiskEvent> received;
  bus.subscribe<bus::RiskEvent>([&](const bus::RiskEvent& event) { received.push_back(event); });
  PolicySwitch policies(RiskPolicy::kModerate, &bus);
  const core::Timestamp t = core::Timestamp::from_date(2024, 3, 1).value();

  EXPECT_TRUE(policies.switch_to(t, RiskPolicy::kAggressive, "cli"));
  EXPECT_EQ(policies.active(), RiskPolicy::kAggressive);
  EXPECT_EQ(policies.limits().max_leverage, 10);
  EXPECT_TRUE(policies.switch_to(t + core::Duration::hours(1), RiskPolicy::kConservative,
                                 "telegram:alice"));
  EXPECT_EQ(policies.limits().max_leverage, 3);

  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].kind, "policy_changed");
  EXPECT_EQ(received[0].reason, "policy changed from moderate to aggressive by cli");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"from", "moderate"}, {"to", "aggressive"}, {"by", "cli"}};
  EXPECT_EQ(received[0].details, expected);
  EXPECT_EQ(received[0].header.ts_event, t);
  EXPECT_EQ(received[1].reason, "policy changed from aggressive to conservative by telegram:alice");
  EXPECT_EQ(received[1].header.ts_event, t + core::Duration::hours(1));
}

TEST(PolicySwitch, SwitchingToTheActivePolicyChangesNothingAndPublishesNothing) {
  bus::MessageBus bus;
  int published = 0;
  bus.subscribe<bus::RiskEvent>([&](const bus::RiskEvent&) { ++published; });
  PolicySwitch policies(RiskPolicy::kModerate, &bus);
  EXPECT_FALSE(policies.switch_to(core::Timestamp(), RiskPolicy::kModerate, "cli"));
  EXPECT_EQ(published, 0);
}

TEST(PolicySwitch, WorksWithoutABus) {
  PolicySwitch policies;
  EXPECT_TRUE(policies.switch_to(core::Timestamp(), RiskPolicy::kAggressive, "test"));
  EXPECT_EQ(policies.active(), RiskPolicy::kAggressive);
}

}  // namespace
}  // namespace sigtrader::risk
