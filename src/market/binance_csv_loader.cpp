#include "market/binance_csv_loader.hpp"

#include <vector>

#include <fmt/format.h>

#include "market/data_file.hpp"

namespace sigtrader::market {

namespace {

constexpr std::size_t kColumns = 12;

// Above this an open time is in microseconds: 1e14 ms would be the year 5138.
constexpr std::int64_t kMicrosecondThreshold = 100'000'000'000'000;

// The candle of one row's fields, or the reason it is not one.
core::Result<Candle> parse_row(const std::vector<std::string_view>& fields) {
  const auto bad = [](std::string message) {
    return core::Error(core::ErrorCode::kParse, std::move(message));
  };
  if (fields.size() != kColumns) {
    return bad(
        fmt::format("expected {} columns (open time, open, high, low, close, volume, close "
                    "time, quote volume, trades, taker buy base, taker buy quote, ignore), "
                    "got {}",
                    kColumns, fields.size()));
  }
  const auto open_time_count = parse_integer(fields[0]);
  const auto open_time =
      open_time_count && *open_time_count >= 0
          ? timestamp_from_epoch(*open_time_count, *open_time_count > kMicrosecondThreshold
                                                       ? core::Duration::microseconds(1)
                                                       : core::Duration::milliseconds(1))
          : std::nullopt;
  if (!open_time) {
    return bad(
        fmt::format("open time \"{}\" is not epoch milliseconds or microseconds", fields[0]));
  }
  Candle candle;
  candle.open_time = *open_time;
  const char* const price_names[] = {"open", "high", "low", "close"};
  core::Price* const prices[] = {&candle.open, &candle.high, &candle.low, &candle.close};
  for (std::size_t i = 0; i < 4; ++i) {
    auto price = core::Price::try_parse(fields[1 + i]);
    if (!price) return bad(fmt::format("{}: {}", price_names[i], price.error().message()));
    *prices[i] = *price;
  }
  auto volume = core::Quantity::try_parse(fields[5]);
  if (!volume) return bad(fmt::format("volume: {}", volume.error().message()));
  candle.volume = *volume;
  auto quote_volume = core::Money::try_parse(fields[7]);
  if (!quote_volume) return bad(fmt::format("quote volume: {}", quote_volume.error().message()));
  candle.quote_volume = *quote_volume;
  const auto trades = parse_integer(fields[8]);
  if (!trades || *trades < 0) {
    return bad(fmt::format("trades \"{}\" is not a whole number", fields[8]));
  }
  candle.trades = *trades;
  return candle;
}

}  // namespace

core::Result<CandleSeries> parse_binance_csv(std::string_view text, std::string source) {
  CandleSeriesBuilder builder(source);
  std::vector<std::string_view> fields;
  bool first_row = true;
  for_each_line(text, [&](std::int64_t number, std::string_view line) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    split_csv_line(line, fields);
    const bool header_allowed = first_row;
    first_row = false;
    if (header_allowed && !parse_integer(fields[0])) return;  // "open_time,open,high,..."
    auto candle = parse_row(fields);
    if (candle.ok()) {
      builder.add(number, *candle);
    } else {
      builder.add_bad_row(number, candle.error().message());
    }
  });
  FileNameHints hints = file_name_hints(source);
  return std::move(builder).finish(std::move(hints.symbol), hints.timeframe);
}

core::Result<CandleSeries> load_binance_csv(const std::filesystem::path& path) {
  SIGTRADER_TRY(const std::string text, read_data_file(path));
  return parse_binance_csv(text, path.string());
}

}  // namespace sigtrader::market
