// Runs `sigtrader backtest --signals ... --data ...` as a process: channel posts as JSON lines,
// candles as a Binance public-data file, the outcome worked out by hand.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr std::int64_t kStartMs = 1'704'067'200'000;  // 2024-01-01T00:00:00Z

class ChannelBacktestCommand : public integration::SigtraderProcessTest {
 protected:
  void SetUp() override {
    SigtraderProcessTest::SetUp();
    // Hourly SOL/USDT; the intrabar path goes open → nearer extreme (+20 min) → other (+40 min)
    // → close. Candle 3 reaches 100 (the entry), candle 4 105 (TP1), candle 5 falls back through
    // 100 (the stop, moved to the entry after TP1).
    const char* rows[][4] = {
        {"100", "101", "99", "100.5"},    {"100.5", "102", "100", "101.5"},
        {"101.5", "102.5", "101", "102"}, {"102", "103", "99", "101"},
        {"101", "108", "100", "107"},     {"107", "109", "99", "99.5"},
        {"99.5", "100", "97", "97.5"},    {"97.5", "98", "93", "93.5"},
    };
    std::string csv;
    for (std::size_t i = 0; i < std::size(rows); ++i) {
      const std::int64_t open = kStartMs + static_cast<std::int64_t>(i) * 3'600'000;
      csv += fmt::format("{},{},{},{},{},1000,{},100000,10,500,50000,0\n", open, rows[i][0],
                         rows[i][1], rows[i][2], rows[i][3], open + 3'599'999);
    }
    fs::create_directories(dir_ / "data" / "spot");
    write_file("data/spot/SOLUSDT-1h-2024-01-01.csv", csv);
    write_file(
        "posts.jsonl",
        R"({"channel": "calls", "id": 1, "ts": "2024-01-01T03:00:00Z", "text": "SOL/USDT LONG\nEntry: 100\nTargets: 105 - 110\nStop loss: 90"}
{"channel": "calls", "id": 2, "ts": "2024-01-01T04:00:00Z", "text": "Good morning everyone, markets are calm"}
{"channel": "calls", "id": 3, "ts": "2024-01-01T05:00:00Z", "text": "AVAX/USDT LONG\nEntry: 30\nTargets: 32\nStop loss: 28"}
)");
  }
};

TEST_F(ChannelBacktestCommand, ReportsEachSignalsOutcomeAndStoresTheChannelsRecord) {
  const auto result = run({"backtest", "--signals", "posts.jsonl", "--data", "data", "--json",
                           "report.json", "--html", "report.html", "--db", "outcomes.db"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Channel file:calls"));
  EXPECT_THAT(result.out, HasSubstr("1 no_data, 1 partial"));

  const auto report = boost::json::parse(read(dir_ / "report.json")).as_object();
  const auto& signals = report.at("signals").as_array();
  ASSERT_EQ(signals.size(), 2u);  // the greeting is no signal
  const auto& sol = signals[0].as_object();
  EXPECT_EQ(sol.at("outcome").as_string(), "partial");
  EXPECT_EQ(sol.at("targets_hit").as_int64(), 1);
  EXPECT_TRUE(sol.at("stopped").as_bool());
  // 1 % of 10000 over a 10 stop = 10 SOL at 100. The default ladder 50/25/25 over two targets
  // is 2/3 and 1/3: 6.66666 SOL sold at 105 (TP1), 3.33334 at 100 (the stop, moved to the
  // entry). The step is 0.00001, the largest power of ten worth at most 0.01 USDT at the first
  // close 100.5. Fees at 0.1 %: 1000 → 1, 699.9993 → 0.6999993, 333.334 → 0.333334, in all
  // 2.0333333. PnL 6.66666 × 5 − 2.0333333 = 31.2999667.
  EXPECT_EQ(sol.at("pnl").as_string(), "31.2999667000000");
  EXPECT_EQ(sol.at("fees").as_string(), "2.03333330");
  EXPECT_EQ(sol.at("opened_at").as_string(), "2024-01-01T03:35:00Z");
  const auto& avax = signals[1].as_object();
  EXPECT_EQ(avax.at("outcome").as_string(), "no_data");
  EXPECT_THAT(std::string(avax.at("reasons").as_array()[0].as_string()),
              HasSubstr("the folder has candle files of SOLUSDT"));
  EXPECT_THAT(read(dir_ / "report.html"), HasSubstr("file:calls"));

  auto store = storage::SqliteStore::open((dir_ / "outcomes.db").string());
  ASSERT_TRUE(store.ok()) << store.error().message();
  const auto stats = (*store)->channel_stats(core::ChannelId("file:calls"));
  ASSERT_TRUE(stats.ok()) << stats.error().message();
  EXPECT_EQ(stats->wins, 1);
  EXPECT_EQ(stats->losses, 0);
  EXPECT_EQ(stats->win_rate, 1.0);
  ASSERT_TRUE(stats->avg_r.has_value());
  EXPECT_NEAR(*stats->avg_r, 31.2999667 / 100.0, 1e-12);
  EXPECT_TRUE(stats->outcomes_at.has_value());
}

TEST_F(ChannelBacktestCommand, NeedsBothSignalsAndData) {
  const auto result = run({"backtest", "--signals", "posts.jsonl"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("--data"));
}

TEST_F(ChannelBacktestCommand, AMissingDataFolderIsAClearError) {
  const auto result = run({"backtest", "--signals", "posts.jsonl", "--data", "nowhere"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("nowhere"));
}

}  // namespace
}  // namespace sigtrader
