#include "adapters/binance/kline_downloader.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "adapters/binance/binance_error.hpp"
#include "adapters/binance/binance_names.hpp"
#include "adapters/binance/kline_csv_file.hpp"
#include "adapters/binance/kline_rows.hpp"
#include "net/query_string.hpp"

namespace sigtrader::adapters::binance {

namespace {

std::string klines_url(const KlineDownloadRequest& request, const std::string& interval,
                       core::Timestamp start, core::Timestamp last_open) {
  std::string base = request.base_url;
  while (!base.empty() && base.back() == '/')
    base.pop_back();
  return fmt::format("{}/api/v3/klines?{}", base,
                     net::build_query({{"symbol", request.symbol},
                                       {"interval", interval},
                                       {"startTime", std::to_string(start.ms())},
                                       {"endTime", std::to_string(last_open.ms())},
                                       {"limit", std::to_string(request.page_limit)}}));
}

}  // namespace

KlineDownloader::KlineDownloader(net::HttpClient& http, const core::Clock& clock)
    : http_(http), clock_(clock) {}

core::Result<KlineDownloadSummary> KlineDownloader::run(const KlineDownloadRequest& request) {
  SIGTRADER_TRY(const std::string interval, binance_interval(request.interval));
  SIGTRADER_TRY(const KlineFileState file, prepare_kline_file(request.output));

  KlineDownloadSummary summary;
  summary.cut_partial_line = file.cut_partial_line;
  summary.resumed_after = file.last_open_time;
  summary.last_open_time = file.last_open_time;

  // A kline is closed once its close time has passed; later ones would change after download.
  const core::Timestamp now = clock_.now();
  core::Timestamp last_open = now - request.interval;
  if (request.to) last_open = std::min(last_open, *request.to - core::Duration::nanoseconds(1));

  core::Timestamp cursor = request.from;
  if (file.last_open_time) cursor = std::max(cursor, *file.last_open_time + request.interval);
  if (cursor > last_open) {
    summary.already_complete = file.last_open_time.has_value();
    return summary;
  }

  // Opened at the first page, so that a run failing before any data creates no file.
  std::optional<KlineCsvAppender> appender;
  // Progress is the share of [from, to) covered, or of [from, now) when no end is given.
  const core::Duration span = (request.to ? std::min(*request.to, now) : now) - request.from;
  const auto report = [&] {
    if (!on_progress_) return;
    const double covered = span.count_ns() > 0
                               ? static_cast<double>((cursor - request.from).count_ns()) /
                                     static_cast<double>(span.count_ns())
                               : 1.0;
    on_progress_({std::clamp(covered, 0.0, 1.0), summary.candles_written});
  };
  report();

  const auto kept_so_far = [&] {
    if (!summary.last_open_time)
      return fmt::format("nothing was written to {}", request.output.string());
    return fmt::format("{} holds every candle up to {} ({} written in this run)",
                       request.output.string(), summary.last_open_time->to_iso8601(),
                       summary.candles_written);
  };

  while (cursor <= last_open) {
    const std::string url = klines_url(request, interval, cursor, last_open);
    auto response = http_.get(url);
    if (!response.ok()) {
      return core::Error(response.error().code(),
                         fmt::format("{}; {}", response.error().message(), kept_so_far()));
    }
    if (!response->success()) {
      return core::Error(core::ErrorCode::kRejected,
                         fmt::format("GET {}: {}; {}", net::mask_secret_query(url),
                                     binance_error_text(*response), kept_so_far()));
    }
    auto rows = parse_klines_reply(response->body, request.interval);
    if (!rows.ok()) {
      return core::Error(
          rows.error().code(),
          fmt::format("GET {}: {}; the page was not written, {}", net::mask_secret_query(url),
                      rows.error().message(), kept_so_far()));
    }
    if (!rows->empty() && rows->front().open_time < cursor) {
      return core::Error(
          core::ErrorCode::kParse,
          fmt::format("GET {}: the reply starts at {}, before the requested {}; "
                      "the page was not written, {}",
                      net::mask_secret_query(url), rows->front().open_time.to_iso8601(),
                      cursor.to_iso8601(), kept_so_far()));
    }
    const bool last_page = static_cast<int>(rows->size()) < request.page_limit;
    // Past endTime or still open: a server may send the forming kline, which is not final.
    std::erase_if(*rows, [&](const KlineRow& row) { return row.open_time > last_open; });
    if (rows->empty()) break;

    if (!appender) {
      SIGTRADER_TRY(appender, KlineCsvAppender::open(request.output));
    }
    SIGTRADER_RETURN_IF_ERROR(appender->append(*rows));
    summary.candles_written += static_cast<std::int64_t>(rows->size());
    ++summary.pages;
    summary.last_open_time = rows->back().open_time;
    cursor = rows->back().open_time + request.interval;
    report();
    if (last_page) break;
  }
  if (on_progress_) on_progress_({1.0, summary.candles_written});
  return summary;
}

}  // namespace sigtrader::adapters::binance
