// Runs `sigtrader data download` as a process against the fake Binance klines server.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "support/fake_binance_klines.hpp"
#include "support/fake_http_server.hpp"

namespace sigtrader {
namespace {

using test_support::FakeBinanceKlines;
using test_support::FakeHttpServer;
using test_support::FakeRequest;
using test_support::FakeResponse;
using ::testing::HasSubstr;
using ::testing::Not;

class DataDownload : public integration::SigtraderProcessTest {
 protected:
  std::vector<std::string> download_args(const FakeHttpServer& server, const std::string& to) {
    return {"data",       "download",        "--exchange",  "binance",
            "--symbol",   "BTC/USDT",        "--timeframe", "1h",
            "--from",     "2024-01-01",      "--to",        to,
            "--base-url", server.base_url(), "--progress",  "never"};
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  static std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  }
};

TEST_F(DataDownload, DownloadsAMonthThatDataInspectReportsWholeAndARerunAddsNothing) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  const auto result = run(download_args(server, "2024-02-01"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // January 2024: 31 days of 24 hourly candles.
  EXPECT_THAT(result.out, HasSubstr("wrote 744 BTCUSDT 1h candles to BTCUSDT-1h.csv"));
  EXPECT_THAT(result.out, HasSubstr("last open 2024-01-31T23:00:00Z"));
  EXPECT_EQ(server.request_count(), 1U);
  EXPECT_EQ(server.requests().at(0).param("symbol"), "BTCUSDT");

  const auto inspect = run({"data", "inspect", "BTCUSDT-1h.csv"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_THAT(inspect.out, HasSubstr("symbol:        BTCUSDT"));
  EXPECT_THAT(inspect.out, HasSubstr("timeframe:     1h"));
  EXPECT_THAT(inspect.out, HasSubstr("first open:    2024-01-01T00:00:00Z"));
  EXPECT_THAT(inspect.out, HasSubstr("last open:     2024-01-31T23:00:00Z"));
  EXPECT_THAT(inspect.out, HasSubstr("candles:       744"));
  EXPECT_THAT(inspect.out, HasSubstr("gaps:          0 (0 missing candles)"));
  EXPECT_THAT(inspect.out, HasSubstr("bad rows:      0"));

  const std::string before = read("BTCUSDT-1h.csv");
  const auto again = run(download_args(server, "2024-02-01"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("already complete up to 2024-01-31T23:00:00Z"));
  EXPECT_EQ(server.request_count(), 1U);
  EXPECT_EQ(read("BTCUSDT-1h.csv"), before);
}

TEST_F(DataDownload, AFailureKeepsTheWholePagesAndSaysToRunAgainWhichResumes) {
  FakeBinanceKlines binance;
  auto calls = std::make_shared<int>(0);
  // The first page is served, then every request is refused with "retry now" until the client
  // gives up (Retry-After 0 keeps the test fast).
  FakeHttpServer flaky([&binance, calls](const FakeRequest& request) {
    if ((*calls)++ == 0) return binance(request);
    FakeResponse limited = FakeResponse::json(R"({"code":-1003,"msg":"Too many requests."})", 429);
    limited.headers.emplace_back("Retry-After", "0");
    return limited;
  });
  // 2024-01-01 .. 2024-03-01: 60 days, 1440 hourly candles, two pages.
  const auto failed = run(download_args(flaky, "2024-03-01"));
  EXPECT_EQ(failed.exit_code, 1) << failed.err;
  EXPECT_THAT(failed.err, HasSubstr("gave up after 5 attempts"));
  EXPECT_THAT(failed.err, HasSubstr("run the same command again to resume"));
  EXPECT_EQ(lines(read("BTCUSDT-1h.csv")), 1000U);

  FakeHttpServer healthy(binance.handler());
  const auto resumed = run(download_args(healthy, "2024-03-01"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  // The 1000th candle opens 999 hours after 2024-01-01T00:00Z: 2024-02-11T15:00Z.
  EXPECT_THAT(resumed.out, HasSubstr("wrote 440 BTCUSDT 1h candles"));
  EXPECT_THAT(resumed.out, HasSubstr("resumed after 2024-02-11T15:00:00Z"));
  EXPECT_EQ(lines(read("BTCUSDT-1h.csv")), 1440U);
  const auto inspect = run({"data", "inspect", "BTCUSDT-1h.csv", "--json"});
  EXPECT_THAT(inspect.out, HasSubstr(R"("candles":1440)"));
  EXPECT_THAT(inspect.out, HasSubstr(R"("gap_count":0)"));
}

TEST_F(DataDownload, ABinanceErrorExitsOneWithBinancesMessage) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  auto args = download_args(server, "2024-02-01");
  args[5] = "DOGE/XYZ";
  const auto result = run(args);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("Binance error -1121: Invalid symbol."));
  EXPECT_THAT(result.err, Not(HasSubstr("run the same command again")));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "DOGEXYZ-1h.csv"));
}

TEST_F(DataDownload, DrawsAProgressBarOnStderrWhenAsked) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  auto args = download_args(server, "2024-01-02");
  args.back() = "always";
  args.insert(args.end(), {"--output", "day.csv"});
  const auto result = run(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("100%  24 candles"));
  EXPECT_THAT(result.out, Not(HasSubstr("%")));
  EXPECT_EQ(lines(read("day.csv")), 24U);
}

TEST_F(DataDownload, BadUsageExitsTwoBeforeAnyRequest) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  const auto with = [&](std::size_t index, const std::string& value) {
    auto args = download_args(server, "2024-02-01");
    args[index] = value;
    return run(args);
  };
  const auto exchange = with(3, "kraken");
  EXPECT_EQ(exchange.exit_code, 2);
  EXPECT_THAT(exchange.err, HasSubstr("exchange \\\"kraken\\\" is not supported"));
  const auto timeframe = with(7, "7m");
  EXPECT_EQ(timeframe.exit_code, 2);
  EXPECT_THAT(timeframe.err, HasSubstr("--timeframe"));
  const auto from = with(9, "2024-13-01");
  EXPECT_EQ(from.exit_code, 2);
  EXPECT_THAT(from.err, HasSubstr("--from"));
  const auto backwards = with(11, "2023-12-31");
  EXPECT_EQ(backwards.exit_code, 2);
  EXPECT_THAT(backwards.err, HasSubstr("is not after --from"));
  const auto url = with(13, "ftp://example.com");
  EXPECT_EQ(url.exit_code, 2);
  EXPECT_THAT(url.err, HasSubstr("--base-url"));
  const auto progress = with(15, "sometimes");
  EXPECT_EQ(progress.exit_code, 2);
  const auto missing = run({"data", "download", "--exchange", "binance"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(server.request_count(), 0U);
}

}  // namespace
}  // namespace sigtrader
