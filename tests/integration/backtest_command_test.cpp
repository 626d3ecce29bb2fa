// Runs `sigtrader backtest` as a process on generated candle files.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"

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

class BacktestCommand : public integration::SigtraderProcessTest {
 protected:
  void SetUp() override {
    SigtraderProcessTest::SetUp();
    // 300 hourly candles of a slow sine wave around 100 (trends up and down, so EMAs cross), and
    // the same hours as one-minute candles.
    std::string hours = "timestamp,open,high,low,close,volume\n";
    std::string minutes = "timestamp,open,high,low,close,volume\n";
    const auto price = [](int minute) {
      return 100.0 + 10.0 * std::sin(minute / 600.0) + 2.0 * std::sin(minute / 37.0);
    };
    for (int h = 0; h < 300; ++h) {
      double high = 0;
      double low = 1e9;
      for (int m = 0; m < 60; ++m) {
        const int at = h * 60 + m;
        const double open = price(at);
        const double close = price(at + 1);
        minutes += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},1\n", 1'704'067'200 + at * 60, open,
                               std::max(open, close), std::min(open, close), close);
        high = std::max({high, open, close});
        low = std::min({low, open, close});
      }
      hours += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},60\n", 1'704'067'200 + h * 3600,
                           price(h * 60), high, low, price(h * 60 + 60));
    }
    write_file("BTCUSDT-1h.csv", hours);
    write_file("BTCUSDT-1m.csv", minutes);
    write_file("bt.toml", R"([backtest]
starting_balance = 1000
fee_rate = 0.001
slippage_bps = 2

[[market]]
symbol = "BTC/USDT"
data = "BTCUSDT-1h.csv"
detail_data = "BTCUSDT-1m.csv"
tick_size = "0.01"
step_size = "0.0001"

[strategy]
name = "ema_cross"
[strategy.params]
fast = 5
slow = 20
[strategy.exits]
stop_loss_pct = 3
)");
  }
};

TEST_F(BacktestCommand, PrintsASummaryAndWritesBothReports) {
  const auto result = run({"backtest", "--config", "bt.toml", "--json", "report.json", "--html",
                           "report.html", "--progress", "never"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Backtest: ema_cross on BTC/USDT"));
  EXPECT_THAT(result.out, HasSubstr("300 candles"));
  const auto json = boost::json::parse(read(dir_ / "report.json")).as_object();
  EXPECT_GT(json.at("trades").as_array().size(), 2u);
  EXPECT_EQ(json.at("equity").as_array().size(), 300u);
  EXPECT_THAT(read(dir_ / "report.html"), HasSubstr("<svg"));
}

TEST_F(BacktestCommand, IsDeterministicByteForByte) {
  ASSERT_EQ(run({"backtest", "--config", "bt.toml", "--json", "a.json"}).exit_code, 0);
  ASSERT_EQ(run({"backtest", "--config", "bt.toml", "--json", "b.json"}).exit_code, 0);
  EXPECT_EQ(read(dir_ / "a.json"), read(dir_ / "b.json"));
}

std::string all_lines(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string text;
  for (const fs::path& file : files)
    text += fs::relative(file, dir).string() + "\n" + read(file);
  return text;
}

TEST_F(BacktestCommand, WritesTheSameEventLogEveryTime) {
  ASSERT_EQ(run({"backtest", "--config", "bt.toml", "--event-log", "events-a"}).exit_code, 0);
  ASSERT_EQ(run({"backtest", "--config", "bt.toml", "--event-log", "events-b"}).exit_code, 0);
  const std::string events = all_lines(dir_ / "events-a");
  EXPECT_NE(events.find("2024-01-03/events-10.jsonl"), std::string::npos);  // simulated time
  EXPECT_THAT(events, HasSubstr("\"type\":\"fill\""));
  EXPECT_THAT(events, HasSubstr("\"status\":\"accepted\""));
  EXPECT_EQ(events, all_lines(dir_ / "events-b"));
}

TEST_F(BacktestCommand, ChecksForLookahead) {
  const auto result = run({"backtest", "--config", "bt.toml", "--check-lookahead"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("no decision changed: no lookahead found"));
}

TEST_F(BacktestCommand, MatchesAgainstTheDetailTimeframe) {
  const auto result =
      run({"backtest", "--config", "bt.toml", "--timeframe-detail", "1m", "--json", "detail.json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = boost::json::parse(read(dir_ / "detail.json")).as_object();
  EXPECT_EQ(json.at("summary").at("detail_candles").to_number<int>(), 300 * 60);
}

TEST_F(BacktestCommand, RefusesADetailFileOfAnotherTimeframe) {
  const auto result = run({"backtest", "--config", "bt.toml", "--timeframe-detail", "5m"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("holds 1m candles, not the 5m of --timeframe-detail"));
}

TEST_F(BacktestCommand, BadConfigFailsWithTheLineAndWritesNothing) {
  write_file("bad.toml",
             "[backtest]\nfee_rate = -1\n[[market]]\nsymbol = \"BTC/USDT\"\n"
             "data = \"BTCUSDT-1h.csv\"\n[strategy]\nname = \"ema_cross\"\n");
  const auto result = run({"backtest", "--config", "bad.toml", "--json", "out.json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("bad.toml:2: backtest.fee_rate = -1"));
  EXPECT_FALSE(fs::exists(dir_ / "out.json"));
}

TEST_F(BacktestCommand, MissingDataFileIsNamed) {
  write_file("missing.toml",
             "[[market]]\nsymbol = \"BTC/USDT\"\ndata = \"nope.csv\"\n"
             "[strategy]\nname = \"ema_cross\"\n");
  const auto result = run({"backtest", "--config", "missing.toml"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("nope.csv"));
}

TEST_F(BacktestCommand, WithoutAConfigIsABadUsage) {
  EXPECT_EQ(run({"backtest"}).exit_code, 2);
}

}  // namespace
}  // namespace sigtrader
