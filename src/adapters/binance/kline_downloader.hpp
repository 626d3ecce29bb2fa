#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "net/http_client.hpp"

namespace sigtrader::adapters::binance {

// What to download: the closed klines of one symbol and interval with open times in [from, to).
struct KlineDownloadRequest {
  std::string symbol;  // Binance spelling, "BTCUSDT" (binance_names.hpp)
  core::Duration interval = core::Duration::hours(1);
  core::Timestamp from;
  std::optional<core::Timestamp> to;  // exclusive; none means up to the clock's now
  std::string base_url = "https://api.binance.com";
  std::filesystem::path output;
  int page_limit = 1000;  // klines per request; Binance spot allows at most 1000
};

// Where a download stands, after each page.
struct KlineDownloadProgress {
  double fraction = 0;  // of the time range covered so far, 0..1
  std::int64_t candles_written = 0;
};

struct KlineDownloadSummary {
  std::int64_t candles_written = 0;
  int pages = 0;
  std::optional<core::Timestamp> resumed_after;   // last open time already in the file
  bool cut_partial_line = false;                  // a half-written last line was removed first
  bool already_complete = false;                  // the file already held the whole range
  std::optional<core::Timestamp> last_open_time;  // of the last row in the file afterwards
};

// Pages through GET {base}/api/v3/klines and appends closed klines (close time before the clock's
// now) to a Binance public-data CSV file, one whole page at a time. An existing file is resumed
// after its last complete row. A failure returns an Error saying how far the file got; every
// page written before it stays, so running again continues from there.
class KlineDownloader {
 public:
  using ProgressObserver = std::function<void(const KlineDownloadProgress&)>;

  KlineDownloader(net::HttpClient& http, const core::Clock& clock);
  void on_progress(ProgressObserver observer) { on_progress_ = std::move(observer); }

  core::Result<KlineDownloadSummary> run(const KlineDownloadRequest& request);

 private:
  net::HttpClient& http_;
  const core::Clock& clock_;
  ProgressObserver on_progress_;
};

}  // namespace sigtrader::adapters::binance
