#pragma once

#include <optional>
#include <vector>

#include "core/time.hpp"

namespace sigtrader::analytics {

// One point of an account's equity curve (quote currency), marked at `ts`.
struct EquityPoint {
  core::Timestamp ts;
  double equity = 0;
};

// A round trip as the metrics see it; the backtest and live engines map their trades into it.
struct ClosedTrade {
  core::Timestamp entry_time;
  core::Timestamp exit_time;
  double pnl = 0;                    // net of fees, quote currency
  double return_pct = 0;             // the trade's return as a fraction of the capital it used
  double fees = 0;                   // quote currency, both sides
  double slippage = 0;               // quote currency lost to slippage, both sides
  std::optional<double> r_multiple;  // pnl over the initial risk, when a stop defined one
};

// Everything compute_metrics() needs: the equity curve (time-ordered) and the closed trades.
struct MetricsInput {
  std::vector<EquityPoint> equity;
  std::vector<ClosedTrade> trades;
  double starting_equity = 0;
  core::Duration period;      // bar spacing of the equity curve, e.g. 1h
  double risk_free_rate = 0;  // annual, as a fraction (0.04 = 4 %)
};

}  // namespace sigtrader::analytics
