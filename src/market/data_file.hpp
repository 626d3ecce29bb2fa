#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

// Reading candle files: the whole text, its lines and comma-separated fields, and what a file
// name like "ADABTC-1m-2021-11-27.csv" says about its contents. Shared by the loaders.
namespace sigtrader::market {

// The whole file; kNotFound or kIo naming the path and the reason when it cannot be read.
core::Result<std::string> read_data_file(const std::filesystem::path& path);

// Calls `on_line(line_number, line)` for each line of `text` (1-based, without "\r\n" or "\n").
template <typename OnLine>
void for_each_line(std::string_view text, OnLine&& on_line) {
  std::int64_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    on_line(++number, line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

// Splits one CSV line on commas into `fields` (cleared first), trimming spaces and tabs around
// each field. No quoting: none of the candle formats use it.
void split_csv_line(std::string_view line, std::vector<std::string_view>& fields);

// `text` with A-Z lowered, for matching column names whatever their case.
std::string ascii_lowercase(std::string_view text);

// A whole decimal integer ("-12", "1637971200000"); nullopt for anything else.
std::optional<std::int64_t> parse_integer(std::string_view text);

// `count` units of `unit` since the epoch; nullopt when that is past what a Timestamp holds
// (about 1677..2262).
std::optional<core::Timestamp> timestamp_from_epoch(std::int64_t count, core::Duration unit);

// An epoch time whose unit is told by its magnitude, as exchanges mix them: below 1e11 seconds,
// below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds. 1e11 s is the year 5138 and
// 1e11 ms is 1973, so the ranges do not overlap for market data. nullopt when out of range.
std::optional<core::Timestamp> timestamp_from_epoch(std::int64_t value);

// What a file name in the exchanges' "SYMBOL-TIMEFRAME[-anything].ext" convention says.
struct FileNameHints {
  std::optional<std::string> symbol;  // the part before the first '-', as written
  std::optional<core::Duration> timeframe;
};
// Hints from the file name, both empty unless the second part is a known timeframe.
FileNameHints file_name_hints(const std::filesystem::path& path);

}  // namespace sigtrader::market
