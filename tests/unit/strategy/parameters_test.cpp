#include "strategy/parameters.hpp"

#include <gtest/gtest.h>

#include "strategy/ema_cross.hpp"
#include "strategy/registry.hpp"

namespace sigtrader::strategy {
namespace {

TEST(Parameters, ReadsTypedValuesWithDefaults) {
  Parameters parameters({{"fast", std::int64_t{9}}, {"level", 0.5}, {"short", true}});
  EXPECT_EQ(parameters.integer("fast", 12, 1, 100), 9);
  EXPECT_EQ(parameters.integer("slow", 26, 1, 100), 26);
  EXPECT_DOUBLE_EQ(parameters.number("level", 1.0, 0, 1), 0.5);
  EXPECT_TRUE(parameters.boolean("short", false));
  EXPECT_TRUE(parameters.finish().ok());
}

TEST(Parameters, ReportsEveryProblemIncludingKeysNobodyRead) {
  Parameters parameters(
      {{"fast", std::string("nine")}, {"slow", std::int64_t{0}}, {"sloww", std::int64_t{30}}});
  (void)parameters.integer("fast", 12, 1, 100);
  (void)parameters.integer("slow", 26, 2, 100);
  const core::Status status = parameters.finish();
  ASSERT_FALSE(status.ok());
  const std::string& message = status.error().message();
  EXPECT_NE(message.find("strategy.params.fast = \"nine\": expected an integer in 1..100"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("strategy.params.slow = 0: expected an integer in 2..100"),
            std::string::npos);
  EXPECT_NE(message.find("strategy.params.sloww = 30: not a parameter of this strategy"),
            std::string::npos);
}

TEST(EmaCrossParams, TheFastEmaMustBeTheShorterOne) {
  auto params =
      EmaCrossParams::from(Parameters({{"fast", std::int64_t{30}}, {"slow", std::int64_t{10}}}));
  ASSERT_FALSE(params.ok());
  EXPECT_NE(params.error().message().find("must be below strategy.params.slow"), std::string::npos);
}

TEST(Registry, NamesTheKnownStrategiesForAnUnknownOne) {
  auto strategy = make_strategy("ema_crosss", Parameters(), ExitPlan());
  ASSERT_FALSE(strategy.ok());
  EXPECT_NE(strategy.error().message().find("bollinger_reversion, ema_cross"), std::string::npos)
      << strategy.error().message();
}

TEST(Registry, BuildsTheBuiltIns) {
  for (const std::string& name : strategy_names()) {
    auto strategy = make_strategy(name, Parameters(), ExitPlan());
    ASSERT_TRUE(strategy.ok()) << name << ": " << strategy.error().message();
    EXPECT_EQ((*strategy)->name(), name);
  }
}

TEST(ExitPlan, RefusesAStopOfAHundredPercentOrMore) {
  ExitPlan plan;
  plan.stop_loss_pct = core::Decimal::from_int(100);
  EXPECT_FALSE(plan.validate().ok());
  plan.stop_loss_pct = core::Decimal::parse("2.5");
  EXPECT_TRUE(plan.validate().ok());
}

TEST(ExitPlan, TakeProfitDistancesMustGrow) {
  ExitPlan plan;
  plan.take_profits = {{core::Decimal::from_int(2), core::Decimal::parse("0.5")},
                       {core::Decimal::from_int(1), core::Decimal::parse("0.5")}};
  EXPECT_FALSE(plan.validate().ok());
}

}  // namespace
}  // namespace sigtrader::strategy
