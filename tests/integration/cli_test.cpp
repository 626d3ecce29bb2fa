// Runs the real `sigtrader` binary and checks its exit codes and output (DESIGN.md section 7:
// 0 ok, 1 failed, 2 bad usage).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "storage/migrations.hpp"

namespace sigtrader {
namespace {

using integration::ProcessResult;
using ::testing::HasSubstr;

namespace fs = std::filesystem;

constexpr const char* kExample = SIGTRADER_SOURCE_DIR "/sigtrader.example.toml";

class Cli : public integration::SigtraderProcessTest {};

std::string describe(const ProcessResult& result) {
  return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
         "--- stderr\n" + result.err;
}

TEST_F(Cli, VersionPrintsTheNameAndVersion) {
  const auto result = run({"--version"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, "sigtrader 0.1.0\n");
}

TEST_F(Cli, NoSubcommandIsBadUsageAndShowsTheHelp) {
  const auto result = run({});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("a subcommand is required"));
  EXPECT_THAT(result.err, HasSubstr("Usage: sigtrader"));

  const auto db_alone = run({"db"});
  EXPECT_EQ(db_alone.exit_code, 2) << describe(db_alone);
  EXPECT_THAT(db_alone.err, HasSubstr("migrate"));
}

TEST_F(Cli, AnUnknownFlagOrSubcommandIsBadUsage) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--bogus"},
                                               {"db", "status", "--bogus"},
                                               {"frobnicate"},
                                               {"--log-level", "loud", "db", "status"},
                                               {"--log-format", "xml", "db", "status"},
                                               {"config", "check"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, 2) << args.front() << "\n" << describe(result);
    EXPECT_FALSE(result.err.empty());
  }
}

TEST_F(Cli, EverySubcommandHasHelp) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"config", "--help"},
                                               {"config", "check", "--help"},
                                               {"db", "--help"},
                                               {"db", "migrate", "--help"},
                                               {"db", "status", "--help"}}) {
    const auto result = run(args);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    EXPECT_THAT(result.out, HasSubstr("Usage: sigtrader")) << describe(result);
  }
}

TEST_F(Cli, ConfigCheckAcceptsTheExampleFile) {
  const auto result = run({"config", "check", kExample});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, std::string(kExample) + ": ok\n");
}

TEST_F(Cli, ConfigCheckListsEveryProblemAndFails) {
  const std::string file = write_file(
      "bad.toml", "[risk]\ndaily_loss_pct = 250\n[api]\nport = 0\nbot_token = \"s3cr3t\"\n");
  const auto result = run({"config", "check", file});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr(file + ":2: risk.daily_loss_pct = 250: expected a number"));
  EXPECT_THAT(result.err, HasSubstr(file + ":4: api.port = 0: expected an integer in 1..65535"));
  EXPECT_THAT(result.err, HasSubstr(file + ":5: api.bot_token: secrets are never read"));
  EXPECT_THAT(result.err + result.out, ::testing::Not(HasSubstr("s3cr3t")));
}

TEST_F(Cli, ConfigCheckAppliesEnvironmentOverrides) {
  const auto bad = run({"config", "check", kExample}, {"SIGTRADER_API__PORT=http"});
  EXPECT_EQ(bad.exit_code, 1) << describe(bad);
  EXPECT_THAT(bad.err, HasSubstr("env SIGTRADER_API__PORT=\"http\": expected an integer"));

  const auto unknown = run({"config", "check", kExample}, {"SIGTRADER_RISK__DAILY_LOS=1"});
  EXPECT_EQ(unknown.exit_code, 1) << describe(unknown);
  EXPECT_THAT(unknown.err, HasSubstr("did you mean SIGTRADER_RISK__DAILY_LOSS_PCT?"));

  const auto printed = run({"config", "check", "--print", kExample}, {"SIGTRADER_API__PORT=9999"});
  EXPECT_EQ(printed.exit_code, 0) << describe(printed);
  EXPECT_THAT(printed.out, HasSubstr("[api]\nhost = \"127.0.0.1\"\nport = 9999\n"));
}

TEST_F(Cli, ConfigCheckOfAMissingFileFails) {
  const auto result = run({"config", "check", "nope.toml"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("nope.toml"));
}

TEST_F(Cli, DbMigrateCreatesTheDatabase) {
  const std::string db = (dir_ / "fresh.db").string();
  const auto result = run({"db", "migrate", "--db", db, "--log-format", "text"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(fs::exists(db));
  EXPECT_THAT(result.out, HasSubstr(db));

  const auto again = run({"db", "migrate", "--db", db});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.out, HasSubstr("up to date"));
}

TEST_F(Cli, DbStatusJsonShowsTheLatestVersion) {
  const std::string db = (dir_ / "status.db").string();
  ASSERT_EQ(run({"db", "migrate", "--db", db}).exit_code, 0);
  const auto result = run({"db", "status", "--db", db, "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);

  const boost::json::value status = boost::json::parse(result.out);
  const int latest = storage::latest_schema_version();
  EXPECT_EQ(status.at("path").as_string(), db);
  EXPECT_EQ(status.at("schema_version").to_number<int>(), latest);
  EXPECT_EQ(status.at("latest_version").to_number<int>(), latest);
  EXPECT_EQ(status.at("pending_migrations").to_number<int>(), 0);
  EXPECT_EQ(status.at("tables").at("users").to_number<int>(), 0);
}

TEST_F(Cli, DbStatusPrintsTheVersionsAsText) {
  ASSERT_EQ(run({"db", "migrate"}).exit_code, 0);
  const auto result = run({"db", "status"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const std::string latest = std::to_string(storage::latest_schema_version());
  EXPECT_THAT(result.out, HasSubstr("sigtrader.db"));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("schema version: +" + latest));
  EXPECT_THAT(result.out, ::testing::ContainsRegex("pending migrations: +0"));
}

TEST_F(Cli, DbStatusOfAGarbageFileFailsClearly) {
  const std::string db = write_file("garbage.db", std::string(4096, 'x'));
  const auto result = run({"db", "status", "--db", db, "--log-format", "text"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr(db));
  EXPECT_THAT(result.err, HasSubstr("not a SQLite database"));
  EXPECT_TRUE(result.out.empty());
}

TEST_F(Cli, DbStatusOfAMissingFileFailsAndSaysHowToCreateIt) {
  const auto result = run({"db", "status", "--db", "missing.db", "--log-format", "text"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("missing.db"));
  EXPECT_THAT(result.err, HasSubstr("sigtrader db migrate"));
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
}

TEST_F(Cli, DbUsesTheConfiguredPathAndEnvironmentOverride) {
  const std::string config = write_file("my.toml", "[database]\npath = \"from-config.db\"\n");
  EXPECT_EQ(run({"--config", config, "db", "migrate"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "from-config.db"));

  EXPECT_EQ(run({"db", "migrate"}, {"SIGTRADER_DATABASE__PATH=from-env.db"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir_ / "from-env.db"));
}

TEST_F(Cli, DbRefusesToRunOnAnInvalidConfig) {
  write_file("sigtrader.toml", "[database]\npaht = \"x.db\"\n");
  const auto result = run({"db", "migrate", "--log-format", "text"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("unknown key database.paht; did you mean database.path?"));
  EXPECT_FALSE(fs::exists(dir_ / "sigtrader.db"));
}

TEST_F(Cli, JsonLogFormatWritesOneObjectPerStderrLine) {
  const auto result = run({"--log-format", "json", "db", "migrate", "--db", "a.db"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  // A message holding quotes, a newline and bytes that are not UTF-8 still makes valid JSON.
  const auto failed = run({"db", "status", "--db", "odd\"\n\xff\xfe.db", "--log-format", "json"});
  ASSERT_EQ(failed.exit_code, 1) << describe(failed);

  for (const std::string& err : {result.err, failed.err}) {
    std::istringstream lines(err);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      ++count;
      boost::system::error_code error;
      const boost::json::value value = boost::json::parse(line, error);
      ASSERT_FALSE(error) << "not JSON: " << line;
      ASSERT_TRUE(value.is_object()) << line;
      for (const char* key : {"ts", "level", "logger", "msg"}) {
        EXPECT_TRUE(value.as_object().contains(key)) << key << " missing in " << line;
      }
      EXPECT_THAT(std::string(value.at("ts").as_string()),
                  ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"));
    }
    EXPECT_GE(count, 1) << "no log line on stderr";
  }
}

TEST_F(Cli, LogLevelComesFromTheFlagElseTheEnvironment) {
  const auto quiet = run({"db", "migrate", "--db", "q.db"}, {"SIGTRADER_LOG_LEVEL=error"});
  EXPECT_EQ(quiet.exit_code, 0) << describe(quiet);
  EXPECT_EQ(quiet.err, "");

  const auto flag =
      run({"db", "migrate", "--db", "q.db", "--log-level", "info"}, {"SIGTRADER_LOG_LEVEL=error"});
  EXPECT_EQ(flag.exit_code, 0) << describe(flag);
  EXPECT_THAT(flag.err, HasSubstr("up to date"));
}

}  // namespace
}  // namespace sigtrader
