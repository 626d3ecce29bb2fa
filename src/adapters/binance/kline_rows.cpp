#include "adapters/binance/kline_rows.hpp"

#include <array>
#include <cstdint>
#include <optional>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "core/decimal.hpp"

namespace sigtrader::adapters::binance {

namespace {

constexpr std::size_t kFields = 12;
constexpr std::int64_t kMaxEpochMs = 9'000'000'000'000;
constexpr std::array<std::string_view, kFields> kFieldNames = {
    "open time",       "open",       "high",         "low",    "close",
    "volume",          "close time", "quote volume", "trades", "taker buy base",
    "taker buy quote", "ignore"};

enum class Kind { kInteger, kDecimal, kAny };
constexpr std::array<Kind, kFields> kKinds = {
    Kind::kInteger, Kind::kDecimal, Kind::kDecimal, Kind::kDecimal, Kind::kDecimal, Kind::kDecimal,
    Kind::kInteger, Kind::kDecimal, Kind::kInteger, Kind::kDecimal, Kind::kDecimal, Kind::kAny};

core::Error malformed(std::size_t row, std::size_t field, std::string_view why) {
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("malformed klines reply: row {} field {} ({}): {}", row + 1,
                                 field + 1, kFieldNames[field], why));
}

std::optional<std::int64_t> as_integer(const boost::json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_uint64() && value.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.as_uint64());
  }
  return std::nullopt;
}

// One field as it goes into the CSV line, or why it cannot.
core::Result<std::string> field_text(const boost::json::value& value, Kind kind, std::size_t row,
                                     std::size_t field) {
  switch (kind) {
    case Kind::kInteger: {
      const auto number = as_integer(value);
      if (!number || *number < 0) return malformed(row, field, "expected a whole number");
      return std::to_string(*number);
    }
    case Kind::kDecimal: {
      if (!value.is_string()) return malformed(row, field, "expected a decimal string");
      const std::string text(value.as_string());
      auto parsed = core::Decimal::try_parse(text);
      if (!parsed.ok()) return malformed(row, field, parsed.error().message());
      return text;
    }
    case Kind::kAny:
      if (value.is_string()) {
        const std::string text(value.as_string());
        if (text.find_first_of(",\r\n") != std::string::npos) {
          return malformed(row, field, "holds a comma or line break");
        }
        return text;
      }
      if (const auto number = as_integer(value)) return std::to_string(*number);
      return malformed(row, field, "expected a string or a whole number");
  }
  return malformed(row, field, "unknown field kind");
}

}  // namespace

core::Result<std::vector<KlineRow>> parse_klines_reply(std::string_view body,
                                                       core::Duration interval) {
  boost::system::error_code error;
  const boost::json::value reply = boost::json::parse(body, error);
  if (error) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("malformed klines reply: not JSON ({})", error.message()));
  }
  if (!reply.is_array()) {
    return core::Error(core::ErrorCode::kParse,
                       "malformed klines reply: expected a JSON array of klines");
  }
  std::vector<KlineRow> rows;
  rows.reserve(reply.as_array().size());
  for (std::size_t r = 0; r < reply.as_array().size(); ++r) {
    const boost::json::value& item = reply.as_array()[r];
    if (!item.is_array() || item.as_array().size() != kFields) {
      return core::Error(core::ErrorCode::kParse,
                         fmt::format("malformed klines reply: row {} is not an array of {} fields",
                                     r + 1, kFields));
    }
    KlineRow row;
    for (std::size_t f = 0; f < kFields; ++f) {
      SIGTRADER_TRY(std::string text, field_text(item.as_array()[f], kKinds[f], r, f));
      if (f > 0) row.csv_line.push_back(',');
      row.csv_line += text;
    }
    const std::int64_t open_ms = *as_integer(item.as_array()[0]);
    const std::int64_t close_ms = *as_integer(item.as_array()[6]);
    // A Timestamp holds nanoseconds in int64: up to the year 2262.
    if (open_ms > kMaxEpochMs) return malformed(r, 0, "not a time before the year 2262");
    row.open_time = core::Timestamp::from_ms(open_ms);
    if (close_ms != open_ms + interval.count_ms() - 1) {
      return malformed(r, 6,
                       fmt::format("expected open time + {} - 1 ms = {}", interval.to_string(),
                                   open_ms + interval.count_ms() - 1));
    }
    if (!rows.empty() && row.open_time <= rows.back().open_time) {
      return malformed(r, 0, "open times are not strictly increasing");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sigtrader::adapters::binance
