#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

namespace sigtrader::strategy {

// How a signal's entry range is shared among its orders, from the first price to the last:
//   even        1 : 1 : … : 1
//   increasing  1 : 2 : … : n   (the most at the far end of the range)
//   decreasing  n : … : 2 : 1   (the most at the first price)
//   custom      the weights given, one per order
enum class SplitRatio { kEven, kIncreasing, kDecreasing, kCustom };

std::string_view to_string(SplitRatio ratio);
std::optional<SplitRatio> parse_split_ratio(std::string_view text);

struct EntrySplit {
  std::size_t orders = 2;
  SplitRatio ratio = SplitRatio::kEven;
  std::vector<core::Decimal> custom_weights;  // kCustom only: `orders` positive weights
};

// One limit order of a split entry.
struct EntryLevel {
  core::Price price;
  core::Quantity quantity;
};

// Splits `total` across `split.orders` limit prices spaced evenly from `first` to `last` (both
// included; one order sits at `first`). Prices are rounded to the tick (nearest), quantities down
// to the step, and the last order takes what rounding left, so the quantities sum to `total`
// exactly. Levels whose quantity rounds to zero are dropped. kInvalidArgument when orders is 0,
// the custom weights do not match, or `total` is not positive.
core::Result<std::vector<EntryLevel>> split_entry(core::Price first, core::Price last,
                                                  const EntrySplit& split, core::Quantity total,
                                                  const core::Instrument& instrument);

}  // namespace sigtrader::strategy
