#include "market/plain_csv_writer.hpp"

#include <iterator>

#include <fmt/format.h>

namespace sigtrader::market {

std::string plain_csv_text(std::span<const Candle> candles) {
  std::string text = "timestamp,open,high,low,close,volume\n";
  text.reserve(text.size() + candles.size() * 72);
  for (const Candle& candle : candles) {
    fmt::format_to(std::back_inserter(text), "{},{},{},{},{},{}\n", candle.open_time.to_iso8601(),
                   candle.open.to_string(), candle.high.to_string(), candle.low.to_string(),
                   candle.close.to_string(), candle.volume.to_string());
  }
  return text;
}

}  // namespace sigtrader::market
