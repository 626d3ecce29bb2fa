#include "market/plain_csv_loader.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "market/data_file.hpp"

namespace sigtrader::market {

namespace {

constexpr std::string_view kExpectedHeader = "timestamp,open,high,low,close,volume";

enum Column { kTimestamp, kOpen, kHigh, kLow, kClose, kVolume, kColumnCount };

std::optional<Column> column_of(std::string_view name) {
  const std::string lower = ascii_lowercase(name);
  if (lower == "timestamp" || lower == "date" || lower == "time" || lower == "datetime" ||
      lower == "open_time") {
    return kTimestamp;
  }
  if (lower == "open") return kOpen;
  if (lower == "high") return kHigh;
  if (lower == "low") return kLow;
  if (lower == "close") return kClose;
  if (lower == "volume") return kVolume;
  return std::nullopt;
}

using ColumnIndex = std::array<std::size_t, kColumnCount>;

core::Result<ColumnIndex> read_header(const std::vector<std::string_view>& fields,
                                      const std::string& source, std::int64_t line) {
  constexpr std::size_t kUnset = static_cast<std::size_t>(-1);
  ColumnIndex index;
  index.fill(kUnset);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto column = column_of(fields[i]);
    if (column && index[*column] == kUnset) index[*column] = i;
  }
  constexpr std::array<std::string_view, kColumnCount> kNames{"timestamp", "open",  "high",
                                                              "low",       "close", "volume"};
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    if (index[c] == kUnset) {
      return core::Error(core::ErrorCode::kParse,
                         fmt::format("{}:{}: the header has no \"{}\" column (expected a header "
                                     "like {})",
                                     source, line, kNames[c], kExpectedHeader));
    }
  }
  return index;
}

core::Result<core::Timestamp> parse_time(std::string_view text) {
  if (auto epoch = parse_integer(text)) {
    if (auto time = timestamp_from_epoch(*epoch)) return *time;
    return core::Error(core::ErrorCode::kOutOfRange,
                       fmt::format("timestamp {} is beyond the years 1677..2262", text));
  }
  auto iso = core::Timestamp::try_parse_iso8601(text);
  if (iso.ok()) return *iso;
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("timestamp \"{}\" is neither ISO-8601 nor an epoch number", text));
}

core::Result<Candle> parse_row(const std::vector<std::string_view>& fields,
                               const ColumnIndex& index, std::size_t header_size) {
  const auto bad = [](std::string message) {
    return core::Error(core::ErrorCode::kParse, std::move(message));
  };
  if (fields.size() != header_size) {
    return bad(
        fmt::format("expected {} columns as in the header, got {}", header_size, fields.size()));
  }
  Candle candle;
  SIGTRADER_TRY(candle.open_time, parse_time(fields[index[kTimestamp]]));
  const char* const names[] = {"open", "high", "low", "close"};
  core::Price* const prices[] = {&candle.open, &candle.high, &candle.low, &candle.close};
  for (std::size_t i = 0; i < 4; ++i) {
    auto price = core::Price::try_parse(fields[index[kOpen + i]]);
    if (!price) return bad(fmt::format("{}: {}", names[i], price.error().message()));
    *prices[i] = *price;
  }
  auto volume = core::Quantity::try_parse(fields[index[kVolume]]);
  if (!volume) return bad(fmt::format("volume: {}", volume.error().message()));
  candle.volume = *volume;
  return candle;
}

}  // namespace

core::Result<CandleSeries> parse_plain_csv(std::string_view text, std::string source) {
  CandleSeriesBuilder builder(source);
  std::vector<std::string_view> fields;
  std::optional<ColumnIndex> index;
  std::size_t header_size = 0;
  std::optional<core::Error> header_error;
  for_each_line(text, [&](std::int64_t number, std::string_view line) {
    if (header_error || line.find_first_not_of(" \t") == std::string_view::npos) return;
    split_csv_line(line, fields);
    if (!index) {
      auto header = read_header(fields, source, number);
      if (!header) {
        header_error = header.error();
        return;
      }
      index = *header;
      header_size = fields.size();
      return;
    }
    auto candle = parse_row(fields, *index, header_size);
    if (candle.ok()) {
      builder.add(number, *candle);
    } else {
      builder.add_bad_row(number, candle.error().message());
    }
  });
  if (header_error) return *header_error;
  if (!index) {
    return core::Error(
        core::ErrorCode::kParse,
        fmt::format("{}: the file is empty (expected a header like {})", source, kExpectedHeader));
  }
  FileNameHints hints = file_name_hints(source);
  return std::move(builder).finish(std::move(hints.symbol), hints.timeframe);
}

core::Result<CandleSeries> load_plain_csv(const std::filesystem::path& path) {
  SIGTRADER_TRY(const std::string text, read_data_file(path));
  return parse_plain_csv(text, path.string());
}

}  // namespace sigtrader::market
