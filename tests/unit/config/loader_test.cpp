#include "config/loader.hpp"

#include <string>
#include <string_view>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

core::Result<Config> load(std::string_view toml) {
  return load_config_from_string(toml, "sigtrader.toml", Environment{});
}

std::string error_of(std::string_view toml) {
  auto result = load(toml);
  EXPECT_FALSE(result.ok()) << "expected an error for:\n" << toml;
  if (result.ok()) return "";
  EXPECT_EQ(result.error().code(), core::ErrorCode::kConfig);
  return result.error().message();
}

TEST(ConfigLoader, AnEmptyFileGivesTheDefaults) {
  auto result = load("");
  ASSERT_TRUE(result.ok()) << result.error().message();
  const Config& config = *result;
  EXPECT_EQ(config.general.mode, Mode::kPaper);
  EXPECT_EQ(config.general.data_dir, "data");
  EXPECT_EQ(config.database.path, "sigtrader.db");
  EXPECT_EQ(config.database.busy_timeout, core::Duration::seconds(5));
  EXPECT_FALSE(config.logging.level.has_value());
  EXPECT_EQ(config.logging.format, LogFormat::kAuto);
  EXPECT_TRUE(config.event_log.enabled);
  EXPECT_EQ(config.event_log.dir, "events");
  EXPECT_TRUE(config.event_log.mask_keys.empty());
  EXPECT_EQ(config.api.host, "127.0.0.1");
  EXPECT_EQ(config.api.port, 8080);
  EXPECT_TRUE(config.api.cors_origins.empty());
  EXPECT_EQ(config.risk.policy, RiskPolicy::kModerate);
  EXPECT_EQ(config.risk.max_consecutive_losses, 3);
  EXPECT_DOUBLE_EQ(config.risk.daily_loss_pct, 5.0);
  EXPECT_EQ(config.risk.cooldown, core::Duration::hours(4));
}

TEST(ConfigLoader, ReadsEveryKindOfValue) {
  auto result = load(R"(
[general]
mode = "live"
[database]
busy_timeout = "250ms"
[logging]
level = "debug"
format = "json"
[event_log]
enabled = false
mask_keys = ["passphrase", "otp"]
[api]
port = 9000
cors_origins = ["http://localhost:5173", "*"]
[risk]
policy = "conservative"
max_consecutive_losses = 5
daily_loss_pct = 2
cooldown = "1h30m"
)");
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(result->general.mode, Mode::kLive);
  EXPECT_EQ(result->database.busy_timeout, core::Duration::milliseconds(250));
  EXPECT_EQ(result->logging.level, LogLevel::kDebug);
  EXPECT_EQ(result->logging.format, LogFormat::kJson);
  EXPECT_FALSE(result->event_log.enabled);
  EXPECT_EQ(result->event_log.mask_keys, (std::vector<std::string>{"passphrase", "otp"}));
  EXPECT_EQ(result->api.port, 9000);
  EXPECT_EQ(result->api.cors_origins.size(), 2u);
  EXPECT_EQ(result->risk.policy, RiskPolicy::kConservative);
  EXPECT_EQ(result->risk.max_consecutive_losses, 5);
  EXPECT_DOUBLE_EQ(result->risk.daily_loss_pct, 2.0);  // an integer is a number too
  EXPECT_EQ(result->risk.cooldown, core::Duration::minutes(90));
}

TEST(ConfigLoader, ANumberOutOfRangeNamesLineKeyValueAndRange) {
  EXPECT_EQ(error_of("[risk]\n\n\n\n\n\ndaily_loss_pct = 250\n"),
            "sigtrader.toml:7: risk.daily_loss_pct = 250: expected a number in (0, 100]");
  EXPECT_EQ(error_of("[risk]\ndaily_loss_pct = 0.0\n"),
            "sigtrader.toml:2: risk.daily_loss_pct = 0.0: expected a number in (0, 100]");
}

TEST(ConfigLoader, AnIntegerOutOfRangeOrOfTheWrongTypeIsRefused) {
  EXPECT_EQ(error_of("[api]\nport = 70000\n"),
            "sigtrader.toml:2: api.port = 70000: expected an integer in 1..65535");
  EXPECT_EQ(error_of("[api]\nport = \"http\"\n"),
            "sigtrader.toml:2: api.port = \"http\": expected an integer in 1..65535");
  EXPECT_EQ(error_of("[api]\nport = 80.5\n"),
            "sigtrader.toml:2: api.port = 80.5: expected an integer in 1..65535");
  EXPECT_EQ(error_of("[risk]\nmax_consecutive_losses = 0\n"),
            "sigtrader.toml:2: risk.max_consecutive_losses = 0: expected an integer in 1..1000");
  EXPECT_THAT(error_of("[api]\nport = 99999999999\n"), HasSubstr("api.port = 99999999999"));
}

TEST(ConfigLoader, AnUnknownChoiceListsTheAllowedOnes) {
  EXPECT_EQ(error_of("[general]\nmode = \"yolo\"\n"),
            "sigtrader.toml:2: general.mode = \"yolo\": expected one of \"backtest\", \"paper\", "
            "\"live\"");
  EXPECT_EQ(error_of("[logging]\nlevel = \"loud\"\n"),
            "sigtrader.toml:2: logging.level = \"loud\": expected one of \"trace\", \"debug\", "
            "\"info\", \"warn\", \"error\"");
}

TEST(ConfigLoader, ABadDurationIsRefused) {
  EXPECT_EQ(error_of("[risk]\ncooldown = \"soon\"\n"),
            "sigtrader.toml:2: risk.cooldown = \"soon\": expected a duration such as \"90s\" or "
            "\"4h\", from 0s to 30d");
  EXPECT_THAT(error_of("[risk]\ncooldown = 4\n"),
              HasSubstr("risk.cooldown = 4: expected a duration"));
  EXPECT_THAT(error_of("[risk]\ncooldown = \"90d\"\n"), HasSubstr("risk.cooldown = \"90d\""));
}

TEST(ConfigLoader, BadBooleansStringsAndListsAreRefused) {
  EXPECT_EQ(error_of("[event_log]\nenabled = \"yes\"\n"),
            "sigtrader.toml:2: event_log.enabled = \"yes\": expected true or false");
  EXPECT_EQ(error_of("[database]\npath = \"\"\n"),
            "sigtrader.toml:2: database.path = \"\": expected a non-empty string");
  EXPECT_EQ(error_of("[event_log]\nmask_keys = [\"otp\", 3]\n"),
            "sigtrader.toml:2: event_log.mask_keys = [\"otp\", 3]: expected a list of non-empty "
            "strings");
  EXPECT_THAT(error_of("[api]\ncors_origins = [\"localhost:5173\"]\n"),
              HasSubstr("api.cors_origins = [\"localhost:5173\"]: expected a list of origins"));
}

TEST(ConfigLoader, ASectionThatIsNotATableIsRefused) {
  EXPECT_EQ(error_of("risk = 5\n"), "sigtrader.toml:1: risk = 5: expected a table [risk]");
}

TEST(ConfigLoader, AnUnknownKeySuggestsTheClosestKnownOne) {
  EXPECT_EQ(error_of("[risk]\nmax_consecutive_loss = 4\n"),
            "sigtrader.toml:2: unknown key risk.max_consecutive_loss; did you mean "
            "risk.max_consecutive_losses?");
  EXPECT_EQ(error_of("[risk]\ndaily_loss = 4\n"),
            "sigtrader.toml:2: unknown key risk.daily_loss; did you mean risk.daily_loss_pct?");
  EXPECT_EQ(error_of("mode = \"live\"\n"),
            "sigtrader.toml:1: unknown key mode; did you mean general.mode?");
  EXPECT_EQ(error_of("[api]\nflavour = 1\n"), "sigtrader.toml:2: unknown key api.flavour");
}

TEST(ConfigLoader, AnUnknownSectionSuggestsTheClosestKnownOne) {
  EXPECT_EQ(error_of("[rsik]\npolicy = \"moderate\"\n"),
            "sigtrader.toml:1: unknown section [rsik]; did you mean [risk]?");
  EXPECT_EQ(error_of("[telemetry]\n"), "sigtrader.toml:1: unknown section [telemetry]");
}

TEST(ConfigLoader, ASecretInTheFileIsRefusedWithoutEchoingIt) {
  const std::string message = error_of("[api]\nport = 80\nadmin_token = \"hunter2-s3cr3t\"\n");
  EXPECT_THAT(message, HasSubstr("sigtrader.toml:3: api.admin_token: secrets are never read from "
                                 "the config file"));
  EXPECT_THAT(message, Not(HasSubstr("hunter2")));

  for (const char* key : {"api_secret", "password", "bot_token", "binance_api_key",
                          "wallet_private_key", "API_KEY"}) {
    const std::string toml = std::string("[general]\n") + key + " = \"p4ss-value\"\n";
    const std::string text = error_of(toml);
    EXPECT_THAT(text, HasSubstr("secrets are never read")) << key;
    EXPECT_THAT(text, Not(HasSubstr("p4ss-value"))) << key;
  }
}

TEST(ConfigLoader, EveryErrorOfAFileIsReportedInLineOrder) {
  const std::string message = error_of(R"([risk]
daily_loss_pct = 250
policy = "reckless"
[api]
port = 0
[general]
mood = "paper"
)");
  EXPECT_EQ(message,
            "sigtrader.toml:2: risk.daily_loss_pct = 250: expected a number in (0, 100]\n"
            "sigtrader.toml:3: risk.policy = \"reckless\": expected one of \"conservative\", "
            "\"moderate\", \"aggressive\"\n"
            "sigtrader.toml:5: api.port = 0: expected an integer in 1..65535\n"
            "sigtrader.toml:7: unknown key general.mood; did you mean general.mode?");
}

TEST(ConfigLoader, ASyntaxErrorGivesLineColumnAndDescription) {
  const std::string message = error_of("[risk]\npolicy = \"moderate\"\ncooldown = \n");
  EXPECT_THAT(message, ::testing::StartsWith("sigtrader.toml:3:"));
  EXPECT_THAT(message, ::testing::MatchesRegex("sigtrader\\.toml:3:[0-9]+: .+"));

  EXPECT_THAT(error_of("[risk\n"), ::testing::StartsWith("sigtrader.toml:1:"));
  EXPECT_THAT(error_of("[api]\nport = 1\nport = 2\n"), ::testing::StartsWith("sigtrader.toml:3:"));
}

TEST(ConfigLoader, AMissingFileIsAnIoErrorNamingIt) {
  auto result = load_config("/nonexistent/dir/sigtrader.toml", Environment{});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kIo);
  EXPECT_THAT(result.error().message(), HasSubstr("/nonexistent/dir/sigtrader.toml"));
  EXPECT_THAT(result.error().message(), HasSubstr("No such file"));
}

TEST(ConfigLoader, ADirectoryIsNotAConfigFile) {
  auto result = load_config("/", Environment{});
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message(), HasSubstr("is a directory"));
}

TEST(ConfigLoader, AHugeValueIsShortenedInTheMessage) {
  const std::string toml = "[database]\npath = [\"" + std::string(5000, 'x') + "\"]\n";
  EXPECT_LT(error_of(toml).size(), 300u);
}

}  // namespace
}  // namespace sigtrader::config
