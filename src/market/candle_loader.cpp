#include "market/candle_loader.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "market/binance_csv_loader.hpp"
#include "market/data_file.hpp"
#include "market/freqtrade_json_loader.hpp"
#include "market/plain_csv_loader.hpp"

namespace sigtrader::market {

namespace {

constexpr std::size_t kBinanceColumns = 12;

// The first line with something on it.
std::string_view first_content_line(std::string_view text) {
  std::string_view found;
  bool done = false;
  for_each_line(text, [&](std::int64_t, std::string_view line) {
    if (done || line.find_first_not_of(" \t") == std::string_view::npos) return;
    found = line;
    done = true;
  });
  return found;
}

}  // namespace

core::Result<CandleSeries> load_candles(const std::filesystem::path& path) {
  SIGTRADER_TRY(const std::string text, read_data_file(path));
  const std::string source = path.string();
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (path.extension() == ".json" || (start != std::string::npos && text[start] == '[')) {
    return parse_freqtrade_json(text, source);
  }
  std::vector<std::string_view> fields;
  split_csv_line(first_content_line(text), fields);
  // Binance rows start with an integer open time; its header (when present) names the seventh
  // column close_time. A plain CSV that happens to have 12 columns has neither.
  if (fields.size() == kBinanceColumns &&
      (parse_integer(fields[0]) || fields[6].find("close_time") != std::string_view::npos)) {
    return parse_binance_csv(text, source);
  }
  return parse_plain_csv(text, source);
}

}  // namespace sigtrader::market
