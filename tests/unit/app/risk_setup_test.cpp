#include "app/risk_setup.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"
#include "config/symbol_rules.hpp"

namespace sigtrader::app {
namespace {

core::Result<risk::RiskEngineConfig> from_toml(std::string_view toml) {
  auto config = config::load_config_from_string(toml, "test.toml", config::Environment{});
  if (!config) return config.error();
  return risk_engine_config(config->risk);
}

TEST(RiskSetup, TheRiskSectionSetsUpTheEngine) {
  const auto engine = from_toml(R"([risk]
policy = "conservative"
max_consecutive_losses = 2
min_confidence = 0.85
max_symbol_exposure_pct = 15
symbol_cooldown = "10m"
approval_floor = 0.6
approval_expiry = "5m"
)");
  ASSERT_TRUE(engine.ok()) << engine.error().message();
  EXPECT_EQ(engine->policy, risk::RiskPolicy::kConservative);
  EXPECT_EQ(engine->breaker.max_consecutive_losses, 2);
  EXPECT_EQ(engine->validator.min_confidence, 0.85);
  EXPECT_EQ(engine->validator.max_symbol_exposure_pct, 15.0);
  EXPECT_EQ(engine->validator.symbol_cooldown, core::Duration::minutes(10));
  EXPECT_EQ(engine->approval_floor, 0.6);
  EXPECT_EQ(engine->approval_expiry, core::Duration::minutes(5));
  // Untouched keys keep the documented defaults.
  EXPECT_EQ(engine->validator.max_open_positions, 5);
  EXPECT_EQ(engine->breaker.daily_loss_pct, 5.0);
}

TEST(RiskSetup, LimitsThatContradictEachOtherAreRefusedNamingTheField) {
  const auto engine = from_toml(R"([risk]
min_confidence = 0.7
approval_floor = 0.9
)");
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.error().message().find("approval_floor"), std::string::npos)
      << engine.error().message();
}

TEST(RiskSetup, AValueOutOfRangeIsAConfigErrorWithTheFileAndKey) {
  auto config = config::load_config_from_string("[risk]\nmin_confidence = 1.5\n", "test.toml",
                                                config::Environment{});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message().find("risk.min_confidence"), std::string::npos)
      << config.error().message();
}

TEST(RiskSetup, SymbolListsAndMappingsReachTheValidator) {
  const auto engine = from_toml(R"([risk]
allowed_symbols = ["BTC/USDT", "1000PEPE/USDT"]
denied_symbols = ["LUNA/USDT"]
symbol_map = ["PEPE/USDT:1000PEPE/USDT:1000", "XBT/USDT:BTC/USDT"]
)");
  ASSERT_TRUE(engine.ok()) << engine.error().message();
  const risk::ValidatorConfig& validator = engine->validator;
  EXPECT_EQ(validator.allowed_symbols.size(), 2u);
  EXPECT_TRUE(validator.denied_symbols.contains(core::Symbol{"LUNA", "USDT"}));
  const risk::SymbolMapping pepe = validator.symbol_mappings.at(core::Symbol{"PEPE", "USDT"});
  EXPECT_EQ(pepe.venue_symbol, (core::Symbol{"1000PEPE", "USDT"}));
  EXPECT_EQ(pepe.price_multiplier, core::Decimal::from_int(1000));
  EXPECT_EQ(validator.symbol_mappings.at(core::Symbol{"XBT", "USDT"}).price_multiplier,
            core::Decimal::from_int(1));
}

TEST(RiskSetup, AMalformedSymbolMapIsAConfigErrorNamingTheKey) {
  auto config = config::load_config_from_string(
      "[risk]\nsymbol_map = [\"PEPE/USDT->1000PEPE/USDT\"]\n", "test.toml", config::Environment{});
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message().find("risk.symbol_map"), std::string::npos)
      << config.error().message();
  EXPECT_FALSE(config::parse_symbol_map("PEPE/USDT:1000PEPE/USDT:0").ok());  // no zero multiple
}

}  // namespace
}  // namespace sigtrader::app
