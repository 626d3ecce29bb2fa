// Runs `sigtrader demo` as a process on a fresh folder: it trains the classifier (on the demo
// channels' history, as the test's folder holds no corpus), writes the generated market and
// posts, paper-trades them with the posts arriving over time, prints a summary, resumes when run
// again, starts over with --reset and stops cleanly on SIGINT.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "spawned_sigtrader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader {
namespace {

using ::testing::HasSubstr;

// What the demo's database holds.
struct DemoState {
  std::int64_t messages = 0;
  std::int64_t signals = 0;
  std::int64_t orders = 0;
  std::int64_t fills = 0;
  std::int64_t snapshots = 0;
  std::string session;  // "<status> <steps>"
  std::optional<core::Timestamp> checkpoint;
};

class DemoCommand : public integration::SigtraderProcessTest {
 protected:
  integration::ProcessResult demo(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"demo",   "--dir", "demo",    "--no-browser",
                                     "--port", "0",     "--speed", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  DemoState state() const {
    auto opened = storage::SqliteStore::open((dir_ / "demo" / "sigtrader.db").string());
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    DemoState state;
    if (!opened.ok()) return state;
    storage::SqliteStore& store = **opened;
    const auto tables = store.table_counts();
    EXPECT_TRUE(tables.ok());
    for (const storage::TableInfo& table : *tables) {
      if (table.name == "messages") state.messages = table.rows;
      if (table.name == "signals") state.signals = table.rows;
      if (table.name == "orders") state.orders = table.rows;
      if (table.name == "fills") state.fills = table.rows;
      if (table.name == "account_snapshots") state.snapshots = table.rows;
    }
    const auto session = store.find_paper_session(storage::PaperSessionId(1));
    if (session.ok()) {
      state.session = session->status + " " + std::to_string(session->steps);
      state.checkpoint = session->checkpoint;
    }
    return state;
  }

  // The posts the demo generated, one per line of posts.jsonl, and their post times.
  std::vector<core::Timestamp> post_times() const {
    std::ifstream in(dir_ / "demo" / "posts.jsonl");
    std::vector<core::Timestamp> times;
    for (std::string line; std::getline(in, line);) {
      const auto at = line.find("\"ts\":\"");
      EXPECT_NE(at, std::string::npos) << line;
      times.push_back(*core::Timestamp::try_parse_iso8601(line.substr(at + 6, 20)));
    }
    return times;
  }
};

TEST_F(DemoCommand, AFreshRunTrainsGeneratesAndTradesThePostsAsTheyArrive) {
  const auto result = demo({"--max-steps", "200"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("sigtrader demo in demo (seed 1)"));
  EXPECT_THAT(result.out, HasSubstr("Training the signal classifier"));
  EXPECT_THAT(result.out,
              HasSubstr("Paper session 'demo' (id 1): started at 2025-03-03T00:00:00Z"));
  EXPECT_THAT(result.out, HasSubstr("stopped after 200 steps"));
  EXPECT_THAT(result.out, HasSubstr("Demo summary at "));
  EXPECT_THAT(result.out, HasSubstr("followed"));
  EXPECT_THAT(result.out, HasSubstr("file:alpha_signals"));
  for (const char* file : {"sigtrader.toml", "setup.toml", "posts.jsonl", "data/BTCUSDT-15m.csv",
                           "data/XRPUSDT-15m.csv", "models/classifier/signals/v1/model.bin"}) {
    EXPECT_TRUE(std::filesystem::exists(dir_ / "demo" / file)) << file;
  }

  const DemoState after = state();
  EXPECT_EQ(after.session, "stopped 200");
  EXPECT_GT(after.signals, 0);
  EXPECT_GT(after.orders, 0);
  EXPECT_GT(after.fills, 0);
  EXPECT_EQ(after.snapshots, 200);
  // Only the posts whose time had come are stored: those up to the last instant processed.
  ASSERT_TRUE(after.checkpoint);
  std::int64_t due = 0;
  const std::vector<core::Timestamp> times = post_times();
  for (const core::Timestamp ts : times)
    due += ts <= *after.checkpoint;
  EXPECT_GT(due, 0);
  EXPECT_LT(due, static_cast<std::int64_t>(times.size()));
  EXPECT_GE(after.messages, due);
  // At most the posts of the next candle beyond it (stored just before the step that was not run).
  std::int64_t next = 0;
  for (const core::Timestamp ts : times)
    next += ts <= *after.checkpoint + core::Duration::minutes(15);
  EXPECT_LE(after.messages, next);
}

TEST_F(DemoCommand, RunAgainItResumesAndWithResetItStartsOver) {
  ASSERT_EQ(demo({"--max-steps", "120"}).exit_code, 0);
  const auto resumed = demo({"--max-steps", "30"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.out, HasSubstr("resumed at"));
  EXPECT_THAT(resumed.out, HasSubstr("after replaying 120 steps"));
  EXPECT_THAT(resumed.out, ::testing::Not(HasSubstr("Training")));  // the model is kept
  EXPECT_EQ(state().session, "stopped 150");

  const auto reset = demo({"--reset", "--max-steps", "10"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_THAT(reset.out, HasSubstr("Paper session 'demo' (id 1): started"));
  EXPECT_EQ(state().session, "stopped 10");
}

TEST_F(DemoCommand, ItPlaysToTheEndAndThenSaysSo) {
  const auto result = demo({});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Paper session finished"));
  EXPECT_THAT(result.out, HasSubstr("has played to its end"));
  const DemoState after = state();
  EXPECT_THAT(after.session, HasSubstr("finished "));
  EXPECT_EQ(after.messages, static_cast<std::int64_t>(post_times().size()));
  const auto again = demo({});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("has played to its end"));
  EXPECT_THAT(again.out, HasSubstr("--reset"));
}

TEST_F(DemoCommand, AnotherSeedOnAnExistingDemoNeedsReset) {
  ASSERT_EQ(demo({"--max-steps", "5"}).exit_code, 0);
  const auto other = demo({"--seed", "2", "--max-steps", "5"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_THAT(other.err, HasSubstr("another --seed"));
  EXPECT_THAT(other.err, HasSubstr("--reset"));
  EXPECT_EQ(demo({"--seed", "2", "--reset", "--max-steps", "5"}).exit_code, 0);
}

TEST_F(DemoCommand, SigintStopsAfterTheCurrentStepWithASummaryAndTheRunResumes) {
  // The default speed: a 15-minute candle every 1.6 s, so the run is waiting when SIGINT comes.
  const pid_t pid =
      integration::spawn_sigtrader(dir_, {"demo", "--dir", "demo", "--no-browser", "--port", "0"});
  const bool stepped = integration::wait_for_first_paper_step(dir_ / "demo" / "sigtrader.db");
  ASSERT_TRUE(stepped) << "the demo stored no step within 30 s";
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by the signal, not stopped cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::ifstream spawned(dir_ / "spawned.out");
  const std::string out((std::istreambuf_iterator<char>(spawned)),
                        std::istreambuf_iterator<char>());
  EXPECT_THAT(out, HasSubstr("Paper session stopped; run the same command again to resume it"));
  EXPECT_THAT(out, HasSubstr("Demo summary at "));
  EXPECT_THAT(state().session, HasSubstr("stopped "));

  const auto resumed = demo({"--max-steps", "3"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.out, HasSubstr("resumed at"));
}

}  // namespace
}  // namespace sigtrader
