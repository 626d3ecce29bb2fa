#include "market/funding_rates.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "market/data_file.hpp"

namespace sigtrader::market {
namespace {

bool is_time_column(std::string_view name) {
  const std::string lower = ascii_lowercase(name);
  return lower == "timestamp" || lower == "time" || lower == "fundingtime" || lower == "calc_time";
}

bool is_rate_column(std::string_view name) {
  const std::string lower = ascii_lowercase(name);
  return lower == "rate" || lower == "funding_rate" || lower == "fundingrate" ||
         lower == "last_funding_rate";
}

std::optional<core::Timestamp> parse_time(std::string_view text) {
  if (auto epoch = parse_integer(text)) return timestamp_from_epoch(*epoch);
  auto iso = core::Timestamp::try_parse_iso8601(text);
  if (iso) return *iso;
  return std::nullopt;
}

}  // namespace

core::Result<std::vector<FundingRate>> parse_funding_csv(std::string_view text,
                                                         const std::string& source) {
  std::vector<FundingRate> rates;
  std::optional<std::size_t> time_column;
  std::optional<std::size_t> rate_column;
  std::optional<core::Error> error;
  std::vector<std::string_view> fields;
  bool header_seen = false;
  for_each_line(text, [&](std::int64_t line, std::string_view row) {
    if (error || row.empty()) return;
    split_csv_line(row, fields);
    if (!header_seen) {
      header_seen = true;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!time_column && is_time_column(fields[i])) time_column = i;
        if (!rate_column && is_rate_column(fields[i])) rate_column = i;
      }
      if (!time_column || !rate_column) {
        error = core::Error(core::ErrorCode::kParse,
                            fmt::format("{}:{}: expected a header with a time column "
                                        "(timestamp) and a rate column (rate), e.g. "
                                        "\"timestamp,rate\"",
                                        source, line));
      }
      return;
    }
    if (fields.size() <= std::max(*time_column, *rate_column)) {
      error = core::Error(core::ErrorCode::kParse,
                          fmt::format("{}:{}: expected {} fields, got {}", source, line,
                                      std::max(*time_column, *rate_column) + 1, fields.size()));
      return;
    }
    const auto ts = parse_time(fields[*time_column]);
    const auto rate = core::Decimal::try_parse(fields[*rate_column]);
    if (!ts || !rate) {
      error = core::Error(
          core::ErrorCode::kParse,
          fmt::format("{}:{}: \"{}\" is not a time and a funding rate", source, line, row));
      return;
    }
    if (!rates.empty() && *ts <= rates.back().ts) {
      error =
          core::Error(core::ErrorCode::kParse,
                      fmt::format("{}:{}: {} is not after the row before ({}): funding rates "
                                  "must be in time order without duplicates",
                                  source, line, ts->to_iso8601(), rates.back().ts.to_iso8601()));
      return;
    }
    rates.push_back({*ts, *rate});
  });
  if (error) return *error;
  if (!header_seen) {
    return core::Error(core::ErrorCode::kParse, fmt::format("{}: the file is empty", source));
  }
  return rates;
}

core::Result<std::vector<FundingRate>> load_funding_csv(const std::filesystem::path& path) {
  SIGTRADER_TRY(const std::string text, read_data_file(path));
  return parse_funding_csv(text, path.string());
}

}  // namespace sigtrader::market
