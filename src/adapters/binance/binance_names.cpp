#include "adapters/binance/binance_names.hpp"

#include <array>
#include <cctype>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "market/timeframe.hpp"

namespace sigtrader::adapters::binance {

namespace {

// Spot kline intervals with a fixed length (B1 klines); 1s and 1M are left out because
// market::parse_timeframe has no spelling for them.
constexpr std::array<std::string_view, 14> kIntervals = {
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w"};

}  // namespace

core::Result<std::string> binance_symbol(std::string_view symbol) {
  std::string out;
  int separators = 0;
  for (const char c : symbol) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '/' || c == '-') {
      ++separators;
    } else if (std::isalnum(byte) != 0) {
      out.push_back(static_cast<char>(std::toupper(byte)));
    } else {
      out.clear();
      break;
    }
  }
  if (out.empty() || separators > 1 || symbol.front() == '/' || symbol.back() == '/' ||
      symbol.front() == '-' || symbol.back() == '-') {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("symbol \"{}\" is not BASE/QUOTE (e.g. BTC/USDT)", symbol));
  }
  return out;
}

core::Result<std::string> binance_interval(core::Duration timeframe) {
  const std::string name = market::timeframe_to_string(timeframe);
  for (const std::string_view interval : kIntervals) {
    if (interval == name) return name;
  }
  return core::Error(
      core::ErrorCode::kInvalidArgument,
      fmt::format("Binance has no {} klines; choose one of {}", name, fmt::join(kIntervals, ", ")));
}

}  // namespace sigtrader::adapters::binance
