#include "strategy/entry_split.hpp"

#include <fmt/format.h>

namespace sigtrader::strategy {
namespace {

using core::Decimal;
using core::Error;
using core::ErrorCode;

// Decimals kept in the intermediate share and price steps before rounding to the instrument.
constexpr int kWorkingScale = 12;

core::Result<std::vector<Decimal>> weights(const EntrySplit& split) {
  std::vector<Decimal> result;
  const std::size_t n = split.orders;
  for (std::size_t i = 0; i < n; ++i) {
    const auto rank = static_cast<std::int64_t>(i);
    switch (split.ratio) {
      case SplitRatio::kEven:
        result.push_back(Decimal::from_int(1));
        break;
      case SplitRatio::kIncreasing:
        result.push_back(Decimal::from_int(rank + 1));
        break;
      case SplitRatio::kDecreasing:
        result.push_back(Decimal::from_int(static_cast<std::int64_t>(n) - rank));
        break;
      case SplitRatio::kCustom:
        if (split.custom_weights.size() != n) {
          return Error(ErrorCode::kInvalidArgument,
                       fmt::format("entry split: {} custom weights for {} orders; expected one "
                                   "weight per order",
                                   split.custom_weights.size(), n));
        }
        if (!split.custom_weights[i].is_positive()) {
          return Error(
              ErrorCode::kInvalidArgument,
              fmt::format("entry split: custom weight {} is {}; expected a positive number", i + 1,
                          split.custom_weights[i].to_string()));
        }
        result.push_back(split.custom_weights[i]);
        break;
    }
  }
  return result;
}

}  // namespace

std::string_view to_string(SplitRatio ratio) {
  switch (ratio) {
    case SplitRatio::kEven:
      return "even";
    case SplitRatio::kIncreasing:
      return "increasing";
    case SplitRatio::kDecreasing:
      return "decreasing";
    case SplitRatio::kCustom:
      return "custom";
  }
  return "even";
}

std::optional<SplitRatio> parse_split_ratio(std::string_view text) {
  for (SplitRatio ratio :
       {SplitRatio::kEven, SplitRatio::kIncreasing, SplitRatio::kDecreasing, SplitRatio::kCustom}) {
    if (text == to_string(ratio)) return ratio;
  }
  return std::nullopt;
}

core::Result<std::vector<EntryLevel>> split_entry(core::Price first, core::Price last,
                                                  const EntrySplit& split, core::Quantity total,
                                                  const core::Instrument& instrument) {
  if (split.orders == 0) {
    return Error(ErrorCode::kInvalidArgument, "entry split: 0 orders; expected at least 1");
  }
  if (!total.is_positive()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("entry split: quantity {} is not positive", total.to_string()));
  }
  SIGTRADER_TRY(const std::vector<Decimal> shares, weights(split));
  Decimal weight_sum;
  for (const Decimal& weight : shares)
    weight_sum += weight;

  const auto gaps = static_cast<std::int64_t>(split.orders) - 1;
  Decimal step;  // price distance between neighbouring orders, signed
  if (gaps > 0) {
    SIGTRADER_TRY(step, core::checked_div(last.decimal() - first.decimal(), Decimal::from_int(gaps),
                                          kWorkingScale, core::Rounding::kHalfEven));
  }

  std::vector<EntryLevel> levels;
  core::Quantity placed;
  for (std::size_t i = 0; i < split.orders; ++i) {
    const bool is_last = i + 1 == split.orders;
    SIGTRADER_TRY(const Decimal offset,
                  core::checked_mul(step, Decimal::from_int(static_cast<std::int64_t>(i))));
    SIGTRADER_TRY(const core::Price price,
                  instrument.round_price(is_last ? last : core::Price(first.decimal() + offset)));
    core::Quantity quantity;
    if (is_last) {
      quantity = total - placed;
    } else {
      SIGTRADER_TRY(const Decimal weighted, core::checked_mul(total.decimal(), shares[i]));
      SIGTRADER_TRY(const Decimal share,
                    core::checked_div(weighted, weight_sum, kWorkingScale, core::Rounding::kDown));
      SIGTRADER_TRY(quantity, instrument.round_quantity(core::Quantity(share)));
    }
    if (!quantity.is_positive()) continue;
    placed += quantity;
    levels.push_back(EntryLevel{price, quantity});
  }
  return levels;
}

}  // namespace sigtrader::strategy
