#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "strategy/entry_split.hpp"
#include "strategy/parameters.hpp"

namespace sigtrader::strategy {

// Where a signal's entry order goes.
//   market       one market order when the signal arrives
//   limit_first  one limit at the first entry price as written
//   limit_mid    one limit halfway between the lowest and the highest entry price
//   split        `EntrySplit::orders` limits across the range (see entry_split.hpp); a signal
//                with a single entry price gets one limit there
enum class EntryMode { kMarket, kLimitFirst, kLimitMid, kSplit };

std::string_view to_string(EntryMode mode);
std::optional<EntryMode> parse_entry_mode(std::string_view text);

// How the stop trails a winning position.
//   none           it stays where the signal (and breakeven) put it
//   moving_target  after take-profit k fills, the stop moves to target k − 1 (the average entry
//                  after TP1)
//   percent        the stop follows the best close since the entry at trail_pct behind it
enum class Trailing { kNone, kMovingTarget, kPercent };

std::string_view to_string(Trailing trailing);
std::optional<Trailing> parse_trailing(std::string_view text);

struct SignalFollowerConfig {
  EntryMode entry = EntryMode::kLimitFirst;
  EntrySplit split;
  // The share of the position each target closes, nearest target first. A signal with fewer
  // targets uses the first fractions, rescaled to sum to 1 ([0.5, 0.25, 0.25] with two targets is
  // 2/3 and 1/3); targets beyond the list get no order. The last order placed takes whatever
  // rounding to the step left, so the ladder closes the whole position.
  std::vector<core::Decimal> tp_split = {core::Decimal::parse("0.5"), core::Decimal::parse("0.25"),
                                         core::Decimal::parse("0.25")};
  // Once this many take-profits have filled, the stop moves to the average entry; 0 = never.
  int breakeven_after_tp = 1;
  // How the stop follows a winning position from `trail_after_tp` take-profits on (0: from the
  // entry fill); it only ever tightens, and breakeven still applies.
  Trailing trailing = Trailing::kNone;
  int trail_after_tp = 1;
  // kPercent: the stop stays this far (in %) behind the best close since the position opened.
  core::Decimal trail_pct = core::Decimal::parse("5");
  // When set, the stop is not an order at the venue: a close beyond the stop starts this
  // timeout, and the position is closed at market only if the price is still beyond the stop
  // when it ends (a wick through the stop does not stop the trade out).
  std::optional<core::Duration> stop_timeout;
  // Entry orders still unfilled this long after the signal are canceled.
  core::Duration entry_expiry = core::Duration::hours(24);
  bool skip_without_stop = true;
  double min_confidence = 0.0;
  // What the default sizer spends per signal, in the quote asset.
  core::Money notional_per_signal = core::Money::from_int(100);

  // Reads `[strategy.params]`: entry ("market" | "limit_first" | "limit_mid" | "split"),
  // split_orders, split_ratio ("even" | "increasing" | "decreasing" | "custom"), split_weights
  // ("1,1,2"), tp_split ("0.5,0.25,0.25"), breakeven_after_tp, trailing ("none" |
  // "moving_target" | "percent"), trail_after_tp, trail_pct, stop_timeout_minutes (0 = off),
  // entry_expiry_hours, skip_without_stop, min_confidence, notional.
  static core::Result<SignalFollowerConfig> from(Parameters parameters);
};

// Each channel's config: `base` (the [strategy.params]) with the channel's own keys on top; an
// unknown or bad key is a kConfig error naming the channel.
core::Result<std::map<std::string, SignalFollowerConfig>> channel_follower_configs(
    const Parameters& base, const std::map<std::string, Parameters>& channels);

}  // namespace sigtrader::strategy
