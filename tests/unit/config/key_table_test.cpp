#include "config/key_table.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace sigtrader::config::detail {
namespace {

TEST(KeyTable, NamesEveryKeyOnceWithItsEnvironmentVariable) {
  const KeyTable& table = key_table();
  std::set<std::string> paths;
  for (const KeySpec& key : table.keys) {
    EXPECT_TRUE(paths.insert(key.path).second) << key.path << " twice";
    EXPECT_EQ(key.path, key.section + "." + key.name);
    EXPECT_TRUE(table.is_section(key.section)) << key.path;
    EXPECT_EQ(table.find_key(key.path), &key);
    EXPECT_EQ(table.find_by_env_name(key.env_name), &key);
    EXPECT_FALSE(key.doc.empty()) << key.path;
    EXPECT_FALSE(key.expected.empty()) << key.path;
  }
  EXPECT_EQ(table.find_key("risk.daily_loss_pct")->env_name, "SIGTRADER_RISK__DAILY_LOSS_PCT");
  EXPECT_EQ(table.find_key("event_log.mask_keys")->env_name, "SIGTRADER_EVENT_LOG__MASK_KEYS");
}

TEST(KeyTable, DottedSectionsMakeTheirParentsSectionsToo) {
  KeyTable table;
  table.sections.push_back({"exchanges.binance", "doc"});
  EXPECT_TRUE(table.is_section("exchanges"));
  EXPECT_TRUE(table.is_section("exchanges.binance"));
  EXPECT_FALSE(table.is_section("exchange"));
  EXPECT_FALSE(table.is_section("exchanges.bin"));
  EXPECT_EQ(env_name_for("exchanges.binance.api_key"), "SIGTRADER_EXCHANGES__BINANCE__API_KEY");
}

// No secret key exists yet; this one, built the way later sections will build theirs, shows
// what any such key gets: read from the environment, masked when printed.
TEST(KeyTable, ASecretKeyIsMaskedWhenPrinted) {
  KeyTable table;
  SectionRows(table, "api", &Config::api, "doc")
      .key("admin_token", &ApiConfig::host, non_empty_string(), "doc");
  const KeySpec& key = table.keys.front();
  EXPECT_TRUE(key.secret);
  EXPECT_EQ(key.env_name, "SIGTRADER_API__ADMIN_TOKEN");

  Config config;
  ASSERT_TRUE(key.set_from_env("s3cr3t-value", config));
  EXPECT_EQ(config.api.host, "s3cr3t-value");
  EXPECT_EQ(key.format(config), "\"***\"");
  config.api.host.clear();
  EXPECT_EQ(key.format(config), "\"\"");  // that nothing is set is no secret
}

TEST(KeyTable, AnOptionalKeyFormatsAsUnsetUntilGiven) {
  const KeySpec& level = *key_table().find_key("logging.level");
  Config config;
  EXPECT_EQ(level.format(config), std::nullopt);
  ASSERT_TRUE(level.set_from_env("debug", config));
  EXPECT_EQ(level.format(config), "\"debug\"");
  EXPECT_FALSE(level.set_from_env("loud", config));
  EXPECT_EQ(config.logging.level, LogLevel::kDebug);  // a refused value changes nothing
}

}  // namespace
}  // namespace sigtrader::config::detail
