#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/loader.hpp"
#include "config/print.hpp"

namespace sigtrader::config {
namespace {

constexpr const char* kExamplePath = SIGTRADER_SOURCE_DIR "/sigtrader.example.toml";

std::string read_example() {
  std::ifstream in(kExamplePath);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ExampleConfig, LoadsWithoutErrors) {
  auto result = load_config(kExamplePath, Environment{});
  ASSERT_TRUE(result.ok()) << result.error().message();
}

TEST(ExampleConfig, HoldsExactlyTheDefaults) {
  auto result = load_config(kExamplePath, Environment{});
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(format_config(*result), format_config(Config{}));
}

// Every key of the printed config (the key table) appears in the example, set or commented out.
TEST(ExampleConfig, MentionsEveryKey) {
  const std::string example = read_example();
  std::istringstream printed(format_config(Config{}));
  std::string line;
  std::string section;
  while (std::getline(printed, line)) {
    if (line.empty()) continue;
    if (line.front() == '[') {
      section = line;
      EXPECT_THAT(example, ::testing::HasSubstr(section + "\n"));
      continue;
    }
    std::string key = line.starts_with("# ") ? line.substr(2) : line;
    key = key.substr(0, key.find_first_of(" ="));
    EXPECT_TRUE(example.find("\n" + key + " = ") != std::string::npos ||
                example.find("\n# " + key + " = ") != std::string::npos)
        << section << " " << key << " is not in sigtrader.example.toml";
  }
}

TEST(FormatConfig, PrintsTomlThatLoadsBackToTheSameValues) {
  auto changed = load_config_from_string(
      "[api]\nport = 9000\ncors_origins = [\"http://a.b\", \"*\"]\n[risk]\ndaily_loss_pct = 2.5\n"
      "cooldown = \"1h30m\"\n[logging]\nlevel = \"debug\"\n[database]\npath = \"a \\\"b\\\".db\"\n",
      "sigtrader.toml", Environment{});
  ASSERT_TRUE(changed.ok()) << changed.error().message();
  const std::string printed = format_config(*changed);
  EXPECT_THAT(printed, ::testing::HasSubstr("[risk]\npolicy = \"moderate\"\n"));
  EXPECT_THAT(printed, ::testing::HasSubstr("daily_loss_pct = 2.5\n"));
  EXPECT_THAT(printed, ::testing::HasSubstr("cooldown = \"1h30m\"\n"));

  auto reloaded = load_config_from_string(printed, "printed", Environment{});
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().message();
  EXPECT_EQ(format_config(*reloaded), printed);
}

TEST(FormatConfig, ShowsAnUnsetKeyAsAComment) {
  EXPECT_THAT(format_config(Config{}), ::testing::HasSubstr("[logging]\n# level is not set\n"));
}

}  // namespace
}  // namespace sigtrader::config
