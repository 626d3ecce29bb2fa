#include "market/freqtrade_json_loader.hpp"

#include <cmath>
#include <cstdint>
#include <optional>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "core/decimal.hpp"
#include "market/data_file.hpp"

namespace sigtrader::market {

namespace {

constexpr std::size_t kColumns = 6;

core::Error bad(std::string message) {
  return core::Error(core::ErrorCode::kParse, std::move(message));
}

// A JSON number or numeric string as an exact decimal. Doubles go through fmt's shortest
// round-trip text ("0.0016", "1e-05"), which Decimal reads exactly.
core::Result<core::Decimal> to_decimal(const boost::json::value& value, std::string_view name) {
  std::string text;
  if (value.is_string()) {
    text = std::string(value.get_string());
  } else if (value.is_int64()) {
    text = fmt::format("{}", value.get_int64());
  } else if (value.is_uint64()) {
    text = fmt::format("{}", value.get_uint64());
  } else if (value.is_double()) {
    if (!std::isfinite(value.get_double())) return bad(fmt::format("{} is not finite", name));
    text = fmt::format("{}", value.get_double());
  } else {
    return bad(fmt::format("{} is not a number", name));
  }
  auto decimal = core::Decimal::try_parse(text);
  if (!decimal) return bad(fmt::format("{}: {}", name, decimal.error().message()));
  return *decimal;
}

// The open time: an integer, an integral double or a string of digits, in epoch milliseconds
// (seconds and microseconds are recognised by magnitude, as timestamp_from_epoch() says).
core::Result<core::Timestamp> to_open_time(const boost::json::value& value) {
  std::optional<std::int64_t> count;
  if (value.is_int64()) {
    count = value.get_int64();
  } else if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    count = static_cast<std::int64_t>(value.get_uint64());
  } else if (value.is_double()) {
    const double ms = value.get_double();
    if (std::isfinite(ms) && ms == std::floor(ms) && std::fabs(ms) < 9e18) {
      count = static_cast<std::int64_t>(ms);
    }
  } else if (value.is_string()) {
    count = parse_integer(value.get_string());
  }
  if (count) {
    if (auto time = timestamp_from_epoch(*count)) return *time;
  }
  return bad(fmt::format("open time {} is not epoch milliseconds", boost::json::serialize(value)));
}

core::Result<Candle> parse_row(const boost::json::value& row) {
  if (!row.is_array() || row.get_array().size() < kColumns) {
    return bad(fmt::format("expected [ts_ms, open, high, low, close, volume], got {}",
                           boost::json::serialize(row).substr(0, 80)));
  }
  const boost::json::array& fields = row.get_array();
  Candle candle;
  SIGTRADER_TRY(candle.open_time, to_open_time(fields[0]));
  SIGTRADER_TRY(const core::Decimal open, to_decimal(fields[1], "open"));
  SIGTRADER_TRY(const core::Decimal high, to_decimal(fields[2], "high"));
  SIGTRADER_TRY(const core::Decimal low, to_decimal(fields[3], "low"));
  SIGTRADER_TRY(const core::Decimal close, to_decimal(fields[4], "close"));
  SIGTRADER_TRY(const core::Decimal volume, to_decimal(fields[5], "volume"));
  candle.open = core::Price(open);
  candle.high = core::Price(high);
  candle.low = core::Price(low);
  candle.close = core::Price(close);
  candle.volume = core::Quantity(volume);
  return candle;
}

// freqtrade names files by pair with '/' and ':' written as '_': "XRP_USDT_USDT" is the
// perpetual "XRP/USDT:USDT", "UNITTEST_BTC" the spot pair "UNITTEST/BTC".
std::optional<std::string> symbol_from_pair_name(std::optional<std::string> name) {
  if (!name) return std::nullopt;
  std::string symbol = *name;
  const std::size_t first = symbol.find('_');
  if (first == std::string::npos) return symbol;
  symbol[first] = '/';
  const std::size_t second = symbol.find('_', first + 1);
  if (second != std::string::npos) symbol[second] = ':';
  return symbol;
}

}  // namespace

core::Result<CandleSeries> parse_freqtrade_json(std::string_view text, std::string source) {
  boost::system::error_code error;
  const boost::json::value document = boost::json::parse(text, error);
  if (error) {
    return bad(
        fmt::format("{}: not valid JSON ({}); expected [[ts_ms, open, high, low, close, "
                    "volume], ...]",
                    source, error.message()));
  }
  if (!document.is_array()) {
    return bad(
        fmt::format("{}: expected a JSON array of [ts_ms, open, high, low, close, volume] "
                    "rows",
                    source));
  }
  CandleSeriesBuilder builder(source, "row");
  std::int64_t number = 0;
  for (const boost::json::value& row : document.get_array()) {
    ++number;
    auto candle = parse_row(row);
    if (candle.ok()) {
      builder.add(number, *candle);
    } else {
      builder.add_bad_row(number, candle.error().message());
    }
  }
  FileNameHints hints = file_name_hints(source);
  return std::move(builder).finish(symbol_from_pair_name(std::move(hints.symbol)), hints.timeframe);
}

core::Result<CandleSeries> load_freqtrade_json(const std::filesystem::path& path) {
  SIGTRADER_TRY(const std::string text, read_data_file(path));
  return parse_freqtrade_json(text, path.string());
}

}  // namespace sigtrader::market
