// libFuzzer target for the candle loaders: any bytes, read as each of the three formats, give a
// series or an error with a message, never a crash or a hang, and a series keeps its invariants
// (sorted unique open times, low <= open/close <= high, counts that match the examples kept).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "market/binance_csv_loader.hpp"
#include "market/freqtrade_json_loader.hpp"
#include "market/plain_csv_loader.hpp"

namespace {

namespace market = sigtrader::market;

void require(bool condition, const char* property) {
  if (condition) return;
  std::fprintf(stderr, "candle_file_fuzz: %s\n", property);
  std::abort();
}

void check(const sigtrader::core::Result<market::CandleSeries>& series) {
  if (!series.ok()) {
    require(!series.error().message().empty(), "an error has a message");
    return;
  }
  const auto& candles = series->candles;
  require(!candles.empty(), "a loaded series has candles");
  for (std::size_t i = 0; i < candles.size(); ++i) {
    const market::Candle& candle = candles[i];
    require(candle.low <= candle.open && candle.open <= candle.high, "open within low..high");
    require(candle.low <= candle.close && candle.close <= candle.high, "close within low..high");
    if (i > 0) require(candles[i - 1].open_time < candle.open_time, "sorted unique open times");
  }
  const market::DataReport& report = series->report;
  require(report.bad_rows.size() <= market::DataReport::kMaxExamples, "examples are bounded");
  require(static_cast<std::int64_t>(report.bad_rows.size()) <= report.bad_row_count,
          "examples never exceed the count");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check(market::parse_binance_csv(text, "fuzz.csv"));
  check(market::parse_plain_csv(text, "fuzz.csv"));
  check(market::parse_freqtrade_json(text, "fuzz.json"));
  return 0;
}
