#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::market {

// A perpetual's funding rate settled at `ts` (positive: longs pay shorts).
struct FundingRate {
  core::Timestamp ts;
  core::Decimal rate;
  friend bool operator==(const FundingRate&, const FundingRate&) = default;
};

// A CSV with a header naming a time column (timestamp, time, fundingTime or calc_time; ISO-8601
// or epoch) and a rate column (rate, funding_rate, fundingRate or last_funding_rate). Money
// depends on it, so any bad row, duplicate or out-of-order time is an error naming the line;
// the result is sorted by time.
core::Result<std::vector<FundingRate>> load_funding_csv(const std::filesystem::path& path);
core::Result<std::vector<FundingRate>> parse_funding_csv(std::string_view text,
                                                         const std::string& source);

}  // namespace sigtrader::market
