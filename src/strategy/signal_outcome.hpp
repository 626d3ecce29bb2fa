#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::strategy {

// How a long/short signal ended, as the channel backtest reports it.
//   open        entered and still open (the run's caller decides; a backtest closes it at the end)
//   all_targets the whole position was closed by take-profit orders
//   stopped     the stop closed the whole position before any target was reached
//   partial     entered, and ended any other way: the stop after a target (breakeven), a close
//               from the channel, a position left open when the data ended
//   expired     no entry filled before entry_expiry (or before the data ended)
//   canceled    the entry was canceled before it filled: the first target or the stop was reached
//               first, or the channel canceled or closed the signal
//   rejected    never followed: skipped by the follower or refused by risk (reasons say why)
enum class SignalEnd { kOpen, kAllTargets, kStopped, kPartial, kExpired, kCanceled, kRejected };
std::string_view to_string(SignalEnd end);

// What the signal follower did with one long/short signal and what it earned: the fills of its
// orders summed, the take-profit levels reached and how it ended.
struct SignalOutcome {
  core::ChannelId channel;
  core::MessageId message_id;
  core::Timestamp received_at;  // when the strategy got it
  std::optional<core::Symbol> symbol;
  std::optional<core::PositionSide> side;
  bool followed = false;  // orders were placed for it
  // Why it was skipped, and what happened to it on the way (canceled entries, updates applied).
  std::vector<std::string> reasons;

  std::size_t target_count = 0;  // the take-profit levels it was followed with
  // When each level was first reached while the position was open, nearest level first; its
  // size is the number of levels reached (reaching a level counts every nearer one).
  std::vector<core::Timestamp> target_reached_at;
  std::optional<core::Price> stop_at_entry;  // the stop when the first entry filled: 1 R

  core::Quantity entered;   // Σ entry fills
  core::Money entry_value;  // Σ quantity × price of the entry fills
  core::Quantity exited;
  core::Money exit_value;
  core::Money fees;                          // of every fill, in the quote asset
  std::optional<core::Timestamp> opened_at;  // the first entry fill
  std::optional<core::Timestamp> closed_at;  // the fill that made the position flat
  bool stopped = false;                      // the stop's fill closed what was left
  SignalEnd end = SignalEnd::kOpen;

  bool filled() const { return entered.is_positive(); }
  std::size_t targets_hit() const { return target_reached_at.size(); }
  // Entered but not yet exited.
  core::Quantity remaining() const { return entered - exited; }
  std::optional<core::Price> average_entry() const;
  std::optional<core::Price> average_exit() const;
  // Realised result of what was entered and exited so far, after fees: for a long the exits'
  // value minus the entries', for a short the other way round.
  core::Money pnl() const;
  // pnl() in units of the risk taken at entry: entered × |average entry − stop_at_entry|. Empty
  // without a stop or when nothing filled.
  std::optional<double> r_multiple() const;

  // Books an entry or an exit fill.
  void add_entry_fill(core::Timestamp ts, core::Quantity quantity, core::Price price,
                      core::Money fee);
  void add_exit_fill(core::Quantity quantity, core::Price price, core::Money fee);
  // Marks levels 0..level as reached at `ts` (those not reached before).
  void reach_target(std::size_t level, core::Timestamp ts);
};

}  // namespace sigtrader::strategy
