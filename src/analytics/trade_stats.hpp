#pragma once

#include <cstddef>
#include <span>

#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// Statistics of closed trades. A win has pnl > 0, a loss pnl < 0; a break-even trade (pnl == 0)
// counts in trade_count but is neither, and it ends both a winning and a losing streak.
// "NaN" below means "undefined for this input"; metrics_json writes it as null.
struct TradeStats {
  std::size_t trade_count = 0;
  std::size_t winning_trades = 0;
  std::size_t losing_trades = 0;
  double win_rate = 0;       // wins / all trades; NaN with no trades
  double gross_profit = 0;   // sum of winning pnl
  double gross_loss = 0;     // sum of losing pnl (zero or negative)
  double profit_factor = 0;  // gross profit / |gross loss|; +inf with wins and no losses, NaN
                             // with neither
  double expectancy = 0;     // mean pnl per trade; NaN with no trades
  double average_win = 0;    // mean pnl of winners; NaN with no wins
  double average_loss = 0;   // mean pnl of losers (negative); NaN with no losses
  double payoff_ratio = 0;   // average win / |average loss|; +inf with wins and no losses, 0 with
                             // losses and no wins, NaN with neither
  double largest_win = 0;    // largest pnl among winners; NaN with no wins
  double largest_loss = 0;   // most negative pnl among losers; NaN with no losses
  std::size_t max_consecutive_wins = 0;    // in exit-time order
  std::size_t max_consecutive_losses = 0;  // in exit-time order
  core::Duration average_duration;         // mean of exit - entry; zero with no trades
  double trades_per_day = 0;  // trades / days in the equity-curve span; 0 with no trades, NaN for
                              // trades over a zero span
  double total_fees = 0;
  double total_slippage = 0;
  // Kelly fraction W - (1 - W) / R with W the win rate and R the payoff ratio. W when R is +inf
  // (no losses); NaN when R is 0 or undefined (no wins, or no trades).
  double kelly_fraction = 0;
  // Van Tharp's System Quality Number: sqrt(N) * mean / sample std of the R-multiples when every
  // trade has one, otherwise of pnl. NaN for fewer than two trades or zero deviation.
  double sqn = 0;
};

// Computes TradeStats; `span` is the time the equity curve covers (for trades per day). The trades
// may come in any order.
TradeStats compute_trade_stats(std::span<const ClosedTrade> trades, core::Duration span);

}  // namespace sigtrader::analytics
