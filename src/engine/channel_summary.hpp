#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "engine/signal_result.hpp"
#include "risk/sizer_edge.hpp"

namespace sigtrader::engine {

// A point of a channel's PnL curve: the running sum of its signals' PnL as each one closed.
struct PnlPoint {
  core::Timestamp ts;
  core::Money cumulative_pnl;
};

// How a channel's signals did (the JSON report's `channels` objects). Rates and averages are
// over the *filled* signals, the ones that became positions; a channel with none has them empty.
struct ChannelSummary {
  core::ChannelId channel;
  std::size_t signals = 0;  // long/short signals, whatever became of them
  std::size_t filled = 0;
  std::size_t wins = 0;                         // filled, PnL after fees > 0
  std::size_t losses = 0;                       // filled, PnL after fees <= 0
  std::map<std::string, std::size_t> outcomes;  // outcome name -> signals
  std::optional<double> win_rate;               // wins / filled
  std::optional<double> avg_r;                  // mean R over the filled signals that had a stop
  std::optional<double> avg_win_r;              // mean R of the winning ones
  // Mean PnL per filled signal, after fees, in the quote asset: win_rate × mean win − (1 −
  // win_rate) × mean loss.
  std::optional<double> expectancy;
  core::Money total_pnl;
  // Largest fall of starting equity + cumulative PnL from its running peak, as a fraction of
  // that peak (0.1 = 10 %), over the closes in time order.
  double max_drawdown = 0;
  // Level i (0 = TP1): filled signals that reached it / filled signals that had at least i + 1
  // targets.
  std::vector<double> tp_hit_rate;
  std::optional<core::Duration> median_time_to_tp1;  // from the first entry fill to TP1
  std::vector<PnlPoint> pnl_curve;                   // one point per closed filled signal

  // The record the channel-trust sizer reads (risk::TrustWeighting).
  risk::ChannelTrust trust() const;
};

// Sums up the results of one channel's signals (any order); `starting_equity` is the account
// the drawdown is measured on.
ChannelSummary summarize_channel(const core::ChannelId& channel,
                                 std::span<const SignalResult> results,
                                 core::Money starting_equity);

}  // namespace sigtrader::engine
