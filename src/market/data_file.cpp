#include "market/data_file.hpp"

#include <charconv>
#include <limits>

#include <fmt/format.h>

#include "core/file_text.hpp"
#include "market/timeframe.hpp"

namespace sigtrader::market {

core::Result<std::string> read_data_file(const std::filesystem::path& path) {
  auto text = core::read_whole_file(path);
  if (text.ok()) return text;
  if (text.error().code() == core::ErrorCode::kNotFound) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("{}: no such file (expected a candle file: Binance kline CSV, "
                                   "freqtrade JSON or CSV with a timestamp,open,high,low,close,"
                                   "volume header)",
                                   path.string()));
  }
  return core::Error(core::ErrorCode::kIo, fmt::format("{}: {} (expected a candle file)",
                                                       path.string(), text.error().message()));
}

void split_csv_line(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  const auto trim = [](std::string_view field) {
    while (!field.empty() && (field.front() == ' ' || field.front() == '\t'))
      field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\t'))
      field.remove_suffix(1);
    return field;
  };
  while (true) {
    const std::size_t comma = line.find(',');
    fields.push_back(trim(line.substr(0, comma)));
    if (comma == std::string_view::npos) break;
    line.remove_prefix(comma + 1);
  }
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<core::Timestamp> timestamp_from_epoch(std::int64_t count, core::Duration unit) {
  const std::int64_t ns_per_unit = unit.count_ns();
  const std::int64_t limit = std::numeric_limits<std::int64_t>::max() / ns_per_unit;
  if (count > limit || count < -limit) return std::nullopt;
  return core::Timestamp::from_ns(count * ns_per_unit);
}

std::optional<core::Timestamp> timestamp_from_epoch(std::int64_t value) {
  const std::uint64_t magnitude =
      value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (magnitude < 100'000'000'000) return timestamp_from_epoch(value, core::Duration::seconds(1));
  if (magnitude < 100'000'000'000'000) {
    return timestamp_from_epoch(value, core::Duration::milliseconds(1));
  }
  if (magnitude < 100'000'000'000'000'000) {
    return timestamp_from_epoch(value, core::Duration::microseconds(1));
  }
  return core::Timestamp::from_ns(value);
}

FileNameHints file_name_hints(const std::filesystem::path& path) {
  const std::string stem = path.stem().string();
  const std::size_t first = stem.find('-');
  if (first == std::string::npos || first == 0) return {};
  const std::size_t second = stem.find('-', first + 1);
  const std::string_view timeframe_text = std::string_view(stem).substr(
      first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  auto timeframe = parse_timeframe(timeframe_text);
  if (!timeframe.ok()) return {};
  return FileNameHints{stem.substr(0, first), *timeframe};
}

std::string ascii_lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace sigtrader::market
