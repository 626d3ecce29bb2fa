// `sigtrader data download --exchange binance --symbol BTC/USDT --timeframe 1h --from DATE
// [--to DATE] [--output FILE] [--base-url URL] [--progress auto|always|never]`: downloads closed
// klines from the exchange's public REST API into a Binance kline CSV file, resuming a file that
// an earlier run left unfinished.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "adapters/binance/binance_names.hpp"
#include "adapters/binance/kline_downloader.hpp"
#include "app/commands.hpp"
#include "app/progress_bar.hpp"
#include "app/report_error.hpp"
#include "core/clock.hpp"
#include "market/timeframe.hpp"
#include "net/beast_http_client.hpp"
#include "net/retrying_http_client.hpp"
#include "net/sleeper.hpp"
#include "net/url.hpp"

namespace sigtrader::app {

namespace {

constexpr std::string_view kCommand = "data download";
constexpr std::string_view kBinanceSpotBase = "https://api.binance.com";

struct DownloadOptions {
  std::string exchange;
  std::string symbol;
  std::string timeframe;
  std::string from;
  std::string to;
  std::string output;
  std::string base_url;
  std::string progress = "auto";
};

int usage_error(const core::Error& error) {
  report_error(kCommand, error);
  return kExitUsage;
}

core::Result<core::Timestamp> parse_date(std::string_view flag, const std::string& text) {
  auto parsed = core::Timestamp::try_parse_iso8601(text);
  if (!parsed.ok()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{} \"{}\": {} (expected a date like 2024-01-01 or "
                                   "2024-01-01T12:00:00Z)",
                                   flag, text, parsed.error().message()));
  }
  return parsed;
}

// Checks every option before any network traffic: a typo is a usage error (exit 2).
core::Result<adapters::binance::KlineDownloadRequest> to_request(const DownloadOptions& options) {
  if (options.exchange != "binance") {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("exchange \"{}\" is not supported; supported: binance", options.exchange));
  }
  adapters::binance::KlineDownloadRequest request;
  SIGTRADER_TRY(request.symbol, adapters::binance::binance_symbol(options.symbol));
  auto timeframe = market::parse_timeframe(options.timeframe);
  if (!timeframe.ok()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("--timeframe: {}", timeframe.error().message()));
  }
  request.interval = *timeframe;
  SIGTRADER_RETURN_IF_ERROR(adapters::binance::binance_interval(request.interval));
  SIGTRADER_TRY(request.from, parse_date("--from", options.from));
  if (!options.to.empty()) {
    SIGTRADER_TRY(request.to, parse_date("--to", options.to));
    if (*request.to <= request.from) {
      return core::Error(core::ErrorCode::kInvalidArgument,
                         fmt::format("--to {} is not after --from {}", request.to->to_iso8601(),
                                     request.from.to_iso8601()));
    }
  }
  request.base_url = options.base_url.empty() ? std::string(kBinanceSpotBase) : options.base_url;
  auto url = net::parse_url(request.base_url);
  if (!url.ok()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("--base-url: {}", url.error().message()));
  }
  request.output =
      options.output.empty()
          ? fmt::format("{}-{}.csv", request.symbol, market::timeframe_to_string(request.interval))
          : options.output;
  return request;
}

ProgressMode to_progress_mode(const std::string& text) {
  if (text == "always") return ProgressMode::kAlways;
  if (text == "never") return ProgressMode::kNever;
  return ProgressMode::kAuto;
}

void print_summary(const adapters::binance::KlineDownloadRequest& request,
                   const adapters::binance::KlineDownloadSummary& summary) {
  const std::string file = request.output.string();
  if (summary.already_complete) {
    std::cout << fmt::format("{} is already complete up to {}; nothing new to download\n", file,
                             summary.last_open_time->to_iso8601());
    return;
  }
  if (summary.candles_written == 0) {
    std::cout << fmt::format("no closed {} {} candles in the range; {} unchanged\n", request.symbol,
                             market::timeframe_to_string(request.interval), file);
    return;
  }
  std::cout << fmt::format(
      "wrote {} {} {} candles to {}{}, last open {}\n", summary.candles_written, request.symbol,
      market::timeframe_to_string(request.interval), file,
      summary.resumed_after
          ? fmt::format(" (resumed after {})", summary.resumed_after->to_iso8601())
          : std::string(),
      summary.last_open_time->to_iso8601());
}

int run_download(const DownloadOptions& options) {
  auto request = to_request(options);
  if (!request.ok()) return usage_error(request.error());

  core::LiveClock clock;
  net::BeastHttpClient transport;
  net::RetryingHttpClient http(transport, clock, net::thread_sleeper(), net::RetryPolicy{},
                               net::UsedWeightLimit{});
  http.on_wait([](core::Duration wait, const std::string& reason) {
    spdlog::warn("{}: waiting {} before the next request: {}", kCommand, wait.to_string(), reason);
  });

  adapters::binance::KlineDownloader downloader(http, clock);
  ProgressBar bar(std::cerr, "candles");
  if (progress_enabled(to_progress_mode(options.progress), isatty(STDERR_FILENO) == 1)) {
    downloader.on_progress([&bar](const adapters::binance::KlineDownloadProgress& progress) {
      bar.update(progress.fraction, progress.candles_written);
    });
  }
  auto summary = downloader.run(*request);
  bar.finish();
  if (!summary.ok()) {
    // Network trouble and garbled replies pass; a request Binance refused needs changing first.
    const core::ErrorCode code = summary.error().code();
    const bool transient = code == core::ErrorCode::kUnavailable ||
                           code == core::ErrorCode::kTimeout || code == core::ErrorCode::kParse;
    return report_error(kCommand,
                        transient ? core::Error(code, summary.error().message() +
                                                          "; run the same command again to resume")
                                  : summary.error());
  }
  if (summary->cut_partial_line) {
    spdlog::warn("{}: removed a half-written last line from {} (an interrupted earlier run)",
                 kCommand, request->output.string());
  }
  print_summary(*request, *summary);
  return kExitOk;
}

}  // namespace

void register_data_download_command(CLI::App& data, CliContext& context) {
  auto options = std::make_shared<DownloadOptions>();
  CLI::App* download = data.add_subcommand(
      "download",
      "Download closed candles from an exchange's public API into a Binance kline CSV file; "
      "an existing file is resumed after its last row");
  download->add_option("--exchange", options->exchange, "Exchange (binance)")
      ->required()
      ->type_name("NAME");
  download->add_option("--symbol", options->symbol, "Pair, e.g. BTC/USDT")
      ->required()
      ->type_name("PAIR");
  download->add_option("--timeframe", options->timeframe, "Candle timeframe: 1m ... 1h ... 1w")
      ->required()
      ->type_name("TF");
  download
      ->add_option("--from", options->from,
                   "First open time, ISO-8601 date or date-time (UTC unless an offset is given)")
      ->required()
      ->type_name("DATE");
  download->add_option("--to", options->to, "End of the range, exclusive (default: now)")
      ->type_name("DATE");
  download
      ->add_option(
          "--output", options->output,
          "CSV file to write or resume (default: SYMBOL-TIMEFRAME.csv, e.g. BTCUSDT-1h.csv)")
      ->type_name("FILE");
  download
      ->add_option("--base-url", options->base_url,
                   fmt::format("REST base URL (default: {})", kBinanceSpotBase))
      ->type_name("URL");
  download
      ->add_option("--progress", options->progress,
                   "Progress bar on stderr: auto (when stderr is a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  download->callback(
      [&context, options] { context.action = [options] { return run_download(*options); }; });
}

}  // namespace sigtrader::app
