// The kline downloader against the fake Binance klines endpoint on 127.0.0.1.
#include "adapters/binance/kline_downloader.hpp"

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "market/binance_csv_loader.hpp"
#include "net/beast_http_client.hpp"
#include "net/retrying_http_client.hpp"
#include "support/fake_binance_klines.hpp"
#include "support/fake_http_server.hpp"
#include "temp_dir.hpp"

namespace sigtrader::adapters::binance {
namespace {

using core::Duration;
using core::Timestamp;
using test_support::fake_kline_csv;
using test_support::FakeBinanceKlines;
using test_support::FakeHandler;
using test_support::FakeHttpServer;
using test_support::FakeRequest;
using test_support::FakeResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kJan1Ms = 1'704'067'200'000;  // 2024-01-01T00:00:00Z

// The file an uninterrupted download of `count` hourly candles from 2024-01-01 must produce.
std::string expected_hours(std::int64_t first, std::int64_t count) {
  std::string text;
  for (std::int64_t i = first; i < first + count; ++i)
    text += fake_kline_csv(kJan1Ms + i * kHourMs, kHourMs) + "\n";
  return text;
}

class KlineDownloaderTest : public TempDirTest {
 protected:
  KlineDownloadRequest request(const FakeHttpServer& server, std::int64_t hours) const {
    KlineDownloadRequest request;
    request.symbol = "BTCUSDT";
    request.interval = Duration::hours(1);
    request.from = Timestamp::from_ms(kJan1Ms);
    request.to = Timestamp::from_ms(kJan1Ms + hours * kHourMs);
    request.base_url = server.base_url();
    request.output = dir_ / "BTCUSDT-1h.csv";
    return request;
  }

  core::Result<KlineDownloadSummary> download(const KlineDownloadRequest& request,
                                              net::RetryPolicy policy = {}) {
    net::RetryingHttpClient http(transport_, clock_, sleeper(), policy, net::UsedWeightLimit{});
    KlineDownloader downloader(http, clock_);
    downloader.on_progress(
        [this](const KlineDownloadProgress& progress) { progress_.push_back(progress); });
    return downloader.run(request);
  }

  net::Sleeper sleeper() {
    return [this](Duration wait) {
      waits_.push_back(wait);
      clock_.advance_by(wait);
    };
  }

  std::vector<std::int64_t> start_times(const FakeHttpServer& server) const {
    std::vector<std::int64_t> starts;
    for (const FakeRequest& sent : server.requests())
      starts.push_back(std::stoll(sent.param("startTime")));
    return starts;
  }

  // Long after the ranges downloaded here, so every candle in them is closed.
  core::SimClock clock_{Timestamp::try_parse_iso8601("2025-06-01T00:00:42Z").value()};
  net::BeastHttpClient transport_;
  std::vector<Duration> waits_;
  std::vector<KlineDownloadProgress> progress_;
};

TEST_F(KlineDownloaderTest, Pages2500HourlyCandlesInThreeRequestsOfAtMost1000) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  const auto summary = download(request(server, 2500));
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_EQ(summary->candles_written, 2500);
  EXPECT_EQ(summary->pages, 3);

  // Each page starts 1000 hours (3,600,000,000 ms) after the one before.
  EXPECT_THAT(start_times(server), ElementsAre(1704067200000, 1707667200000, 1711267200000));
  for (const FakeRequest& sent : server.requests()) {
    EXPECT_EQ(sent.path, "/api/v3/klines");
    EXPECT_EQ(sent.param("symbol"), "BTCUSDT");
    EXPECT_EQ(sent.param("interval"), "1h");
    EXPECT_EQ(sent.param("limit"), "1000");
    // --to is exclusive: the last open time wanted is 2500 h later minus 1 ms.
    EXPECT_EQ(sent.param("endTime"), "1713067199999");
  }

  const std::string file = read(dir_ / "BTCUSDT-1h.csv");
  // 2024-01-01T00:00Z is minute 28,401,120 since the epoch: n = 1120, open = 31120.
  EXPECT_TRUE(file.starts_with(
      "1704067200000,31120.00000000,31125.00000000,31115.00000000,31121.00000000,1.50000000,"
      "1704070799999,45000.00000000,1120,0.70000000,21000.00000000,0\n"));
  EXPECT_EQ(file, expected_hours(0, 2500));

  const auto series = market::load_binance_csv(dir_ / "BTCUSDT-1h.csv");
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 2500U);
  EXPECT_EQ(series->report.gap_count, 0);
  EXPECT_EQ(series->report.bad_row_count, 0);
  EXPECT_EQ(series->candles.back().open_time, Timestamp::from_ms(1713063600000));
}

TEST_F(KlineDownloaderTest, ReportsProgressAfterEachPageEndingAtOneHundredPercent) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  ASSERT_TRUE(download(request(server, 2500)).ok());
  ASSERT_GE(progress_.size(), 4U);
  EXPECT_EQ(progress_.front().candles_written, 0);
  EXPECT_EQ(progress_[1].candles_written, 1000);
  // 1000 of the range's 2500 hours.
  EXPECT_NEAR(progress_[1].fraction, 0.4, 1e-9);
  EXPECT_EQ(progress_.back().candles_written, 2500);
  EXPECT_DOUBLE_EQ(progress_.back().fraction, 1.0);
}

TEST_F(KlineDownloaderTest, KeepsOnlyCandlesThatHaveClosed) {
  // At 05:30 the 05:00 candle is still forming: the fake sends it when asked, as Binance does.
  clock_ = core::SimClock(Timestamp::try_parse_iso8601("2024-01-01T05:30:00Z").value());
  FakeBinanceKlines::Options options;
  options.now_ms = kJan1Ms + 5 * kHourMs + 1'800'000;
  FakeBinanceKlines binance(options);
  FakeHttpServer server(binance.handler());
  KlineDownloadRequest no_end = request(server, 0);
  no_end.to.reset();
  const auto summary = download(no_end);
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_EQ(summary->candles_written, 5);
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 5));
}

TEST_F(KlineDownloaderTest, DropsAFormingCandleEvenWhenTheServerSendsIt) {
  clock_ = core::SimClock(Timestamp::try_parse_iso8601("2024-01-01T05:30:00Z").value());
  // A server that ignores endTime and sends 00:00..05:00, the last one still open.
  std::string body = "[";
  for (int hour = 0; hour <= 5; ++hour) {
    body +=
        (hour > 0 ? "," : "") + test_support::fake_kline_json(kJan1Ms + hour * kHourMs, kHourMs);
  }
  body += "]";
  FakeHttpServer server([body](const FakeRequest&) { return FakeResponse::json(body); });
  KlineDownloadRequest no_end = request(server, 0);
  no_end.to.reset();
  const auto summary = download(no_end);
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 5));
}

TEST_F(KlineDownloaderTest, WaitsForRetryAfterWhenRateLimited) {
  FakeBinanceKlines binance;
  auto calls = std::make_shared<int>(0);
  FakeHttpServer server([&binance, calls](const FakeRequest& sent) {
    if ((*calls)++ == 1) {
      FakeResponse limited = FakeResponse::json(
          R"({"code":-1003,"msg":"Too much request weight used; current limit is 6000 request weight per 1 MINUTE."})",
          429);
      limited.headers.emplace_back("Retry-After", "7");
      return limited;
    }
    return binance(sent);
  });
  const auto summary = download(request(server, 2500));
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_THAT(waits_, ElementsAre(Duration::seconds(7)));
  // The refused page is asked for again from the same start.
  EXPECT_THAT(start_times(server),
              ElementsAre(1704067200000, 1707667200000, 1707667200000, 1711267200000));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 2500));
}

TEST_F(KlineDownloaderTest, RetriesServerErrorsWithBackoff) {
  FakeBinanceKlines binance;
  auto calls = std::make_shared<int>(0);
  FakeHttpServer server([&binance, calls](const FakeRequest& sent) {
    if (++*calls <= 2) return FakeResponse::json("Service Unavailable.", 503);
    return binance(sent);
  });
  const auto summary = download(request(server, 24));
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_THAT(waits_, ElementsAre(Duration::seconds(1), Duration::seconds(2)));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 24));
}

TEST_F(KlineDownloaderTest, PausesUntilTheNextMinuteWhenTheUsedWeightNearsTheLimit) {
  FakeBinanceKlines::Options options;
  options.initial_used_weight = 5398;  // the first reply reports 5400: 90% of 6000
  FakeBinanceKlines binance(options);
  FakeHttpServer server(binance.handler());
  const auto summary = download(request(server, 1500));
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  // The clock reads 00:00:42 when the first reply arrives: 18 s to the next minute.
  EXPECT_THAT(waits_, ElementsAre(Duration::seconds(18)));
  EXPECT_EQ(server.request_count(), 2U);
}

TEST_F(KlineDownloaderTest, FailsOnABinanceErrorWithItsMessageAndWithoutRetrying) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  KlineDownloadRequest unknown = request(server, 24);
  unknown.symbol = "NOPEUSDT";
  const auto summary = download(unknown);
  ASSERT_FALSE(summary.ok());
  EXPECT_THAT(summary.error().message(),
              HasSubstr("HTTP 400, Binance error -1121: Invalid symbol."));
  EXPECT_EQ(server.request_count(), 1U);
  EXPECT_THAT(waits_, IsEmpty());
  EXPECT_FALSE(std::filesystem::exists(unknown.output)) << "no data, no file";
}

TEST_F(KlineDownloaderTest, AMalformedReplyIsAnErrorAndLeavesTheFileUnchanged) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  ASSERT_TRUE(download(request(server, 10)).ok());
  const std::string before = read(dir_ / "BTCUSDT-1h.csv");

  // The next page's second row has its high as a number instead of a string.
  server.set_handler([](const FakeRequest&) {
    return FakeResponse::json(
        fmt::format("[{},{}]", test_support::fake_kline_json(kJan1Ms + 10 * kHourMs, kHourMs),
                    R"([1704106800000,"1",2,"0.5","1.5","10",1704110399999,"15",7,"1","1","0"])"));
  });
  const auto summary = download(request(server, 20));
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code(), core::ErrorCode::kParse);
  EXPECT_THAT(summary.error().message(), HasSubstr("row 2 field 3 (high)"));
  EXPECT_THAT(summary.error().message(), HasSubstr("the page was not written"));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), before);
}

TEST_F(KlineDownloaderTest, ResumesAnInterruptedDownloadToTheSameFileAsAnUninterruptedOne) {
  FakeBinanceKlines binance;
  auto calls = std::make_shared<int>(0);
  FakeHttpServer server([&binance, calls](const FakeRequest& sent) {
    if (++*calls > 2) return FakeResponse::json("Service Unavailable.", 503);
    return binance(sent);
  });
  net::RetryPolicy two_tries;
  two_tries.max_attempts = 2;
  const auto interrupted = download(request(server, 2500), two_tries);
  ASSERT_FALSE(interrupted.ok());
  EXPECT_THAT(interrupted.error().message(), HasSubstr("HTTP 503; gave up after 2 attempts"));
  EXPECT_THAT(
      interrupted.error().message(),
      HasSubstr("holds every candle up to 2024-03-24T07:00:00Z (2000 written in this run)"));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 2000));

  FakeHttpServer healthy(binance.handler());
  const auto resumed = download(request(healthy, 2500));
  ASSERT_TRUE(resumed.ok()) << resumed.error().message();
  EXPECT_EQ(resumed->resumed_after, Timestamp::from_ms(kJan1Ms + 1999 * kHourMs));
  EXPECT_EQ(resumed->candles_written, 500);
  EXPECT_THAT(start_times(healthy), ElementsAre(1711267200000));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 2500));
}

TEST_F(KlineDownloaderTest, CutsAHalfWrittenLastLineAndContinuesFromTheLastWholeRow) {
  const std::string three_rows = expected_hours(0, 3);
  const std::string half_row = fake_kline_csv(kJan1Ms + 3 * kHourMs, kHourMs).substr(0, 40);
  write("BTCUSDT-1h.csv", three_rows + half_row);
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  const auto summary = download(request(server, 24));
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_TRUE(summary->cut_partial_line);
  // 2024-01-01T03:00Z, the candle whose row was cut.
  EXPECT_THAT(start_times(server), ElementsAre(1704078000000));
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 24));
}

TEST_F(KlineDownloaderTest, ARerunOfAFinishedDownloadSendsNothingAndWritesNothing) {
  FakeBinanceKlines binance;
  FakeHttpServer server(binance.handler());
  ASSERT_TRUE(download(request(server, 48)).ok());
  const std::size_t requests_before = server.request_count();
  const auto again = download(request(server, 48));
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->already_complete);
  EXPECT_EQ(again->candles_written, 0);
  EXPECT_EQ(again->last_open_time, Timestamp::from_ms(kJan1Ms + 47 * kHourMs));
  EXPECT_EQ(server.request_count(), requests_before);
  EXPECT_EQ(read(dir_ / "BTCUSDT-1h.csv"), expected_hours(0, 48));
}

}  // namespace
}  // namespace sigtrader::adapters::binance
