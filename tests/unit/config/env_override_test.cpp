#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/loader.hpp"

namespace sigtrader::config {
namespace {

using ::testing::HasSubstr;

Environment env(std::map<std::string, std::string, std::less<>> variables) {
  return Environment{std::move(variables)};
}

TEST(ConfigEnvOverrides, SetKeysOfEveryTypeOverTheFile) {
  auto result = load_config_from_string(
      "[database]\npath = \"file.db\"\n[risk]\ndaily_loss_pct = 4\n", "sigtrader.toml",
      env({{"SIGTRADER_DATABASE__PATH", "/x.db"},
           {"SIGTRADER_RISK__DAILY_LOSS_PCT", "3"},
           {"SIGTRADER_API__PORT", "9090"},
           {"SIGTRADER_EVENT_LOG__ENABLED", "false"},
           {"SIGTRADER_EVENT_LOG__MASK_KEYS", "otp, pin"},
           {"SIGTRADER_GENERAL__MODE", "backtest"},
           {"SIGTRADER_LOGGING__LEVEL", "warn"},
           {"SIGTRADER_RISK__COOLDOWN", "15m"}}));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->database.path, "/x.db");
  EXPECT_DOUBLE_EQ(result->risk.daily_loss_pct, 3.0);
  EXPECT_EQ(result->api.port, 9090);
  EXPECT_FALSE(result->event_log.enabled);
  EXPECT_EQ(result->event_log.mask_keys, (std::vector<std::string>{"otp", "pin"}));
  EXPECT_EQ(result->general.mode, Mode::kBacktest);
  EXPECT_EQ(result->logging.level, LogLevel::kWarn);
  EXPECT_EQ(result->risk.cooldown, core::Duration::minutes(15));
}

TEST(ConfigEnvOverrides, AnEmptyListVariableClearsTheList) {
  auto result = load_config_from_string("[api]\ncors_origins = [\"*\"]\n", "sigtrader.toml",
                                        env({{"SIGTRADER_API__CORS_ORIGINS", ""}}));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_TRUE(result->api.cors_origins.empty());
}

TEST(ConfigEnvOverrides, AnInvalidValueNamesTheVariableValueAndExpectation) {
  auto result =
      load_config_from_string("", "sigtrader.toml", env({{"SIGTRADER_API__PORT", "http"}}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "env SIGTRADER_API__PORT=\"http\": expected an integer in 1..65535");

  result = load_config_from_string("", "sigtrader.toml",
                                   env({{"SIGTRADER_RISK__DAILY_LOSS_PCT", "250"}}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "env SIGTRADER_RISK__DAILY_LOSS_PCT=\"250\": expected a number in (0, 100]");
}

TEST(ConfigEnvOverrides, NumbersMustBeWholeValues) {
  for (const char* text : {"80x", " 80", "", "8.0", "+80"}) {
    auto result =
        load_config_from_string("", "sigtrader.toml", env({{"SIGTRADER_API__PORT", text}}));
    EXPECT_FALSE(result.ok()) << '"' << text << '"';
  }
  for (const char* text : {"yes", "TRUE", ""}) {
    auto result = load_config_from_string("", "sigtrader.toml",
                                          env({{"SIGTRADER_EVENT_LOG__ENABLED", text}}));
    EXPECT_FALSE(result.ok()) << '"' << text << '"';
  }
}

TEST(ConfigEnvOverrides, AnUnknownKeyIsAnErrorWithASuggestion) {
  auto result = load_config_from_string(
      "", "sigtrader.toml",
      env({{"SIGTRADER_RISK__DAILY_LOS_PCT", "3"}, {"SIGTRADER_WEB__PORT", "1"}}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "env SIGTRADER_RISK__DAILY_LOS_PCT: unknown config key risk.daily_los_pct; did you "
            "mean SIGTRADER_RISK__DAILY_LOSS_PCT?\n"
            "env SIGTRADER_WEB__PORT: unknown config key web.port");
}

TEST(ConfigEnvOverrides, VariablesWithoutADoubleUnderscoreAreNotOverrides) {
  auto result = load_config_from_string("", "sigtrader.toml",
                                        env({{"SIGTRADER_LOG_LEVEL", "debug"},
                                             {"SIGTRADER_EXE", "/bin/x"},
                                             {"HOME", "/root"},
                                             {"OTHER__THING", "1"}}));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_FALSE(result->logging.level.has_value());
}

TEST(ConfigEnvOverrides, FileAndEnvironmentErrorsAreReportedTogether) {
  auto result = load_config_from_string("[api]\nport = 0\n", "sigtrader.toml",
                                        env({{"SIGTRADER_RISK__COOLDOWN", "later"}}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message(),
            "sigtrader.toml:2: api.port = 0: expected an integer in 1..65535\n"
            "env SIGTRADER_RISK__COOLDOWN=\"later\": expected a duration such as \"90s\" or "
            "\"4h\", from 0s to 30d");
}

TEST(ConfigEnvOverrides, AnEnvironmentErrorIsReportedEvenWhenTheFileDoesNotParse) {
  auto result =
      load_config_from_string("[api\n", "sigtrader.toml", env({{"SIGTRADER_API__PORT", "0"}}));
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message(), HasSubstr("sigtrader.toml:1:"));
  EXPECT_THAT(result.error().message(), HasSubstr("env SIGTRADER_API__PORT=\"0\""));
}

}  // namespace
}  // namespace sigtrader::config
