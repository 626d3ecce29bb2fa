#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "engine/channel_backtest.hpp"

namespace sigtrader::engine {

// Where a channel backtest's inputs came from, for the report's header.
struct ChannelReportSources {
  std::vector<std::string> signal_files;
  std::string data_dir;
};

// The channel backtest report, the interface scripts read (README, "Channel backtest report"):
//   signals   one object per long/short signal in post order: message_id, channel, symbol,
//             side, filled, targets_hit, target_count, stopped, outcome, entry_price,
//             exit_price, pnl, r_multiple, opened_at, closed_at, seconds_to_outcome, reasons
//   channels  per channel: channel, signals, filled, wins, losses, outcomes, win_rate, avg_r,
//             expectancy, total_pnl, max_drawdown, tp_hit_rate (one per level),
//             median_time_to_tp1 (seconds), pnl_curve ([time, cumulative pnl] pairs)
//   setup     the account, exchange, follower and risk settings the run used
//   risk_events  every risk decision and breaker transition
// Prices and money are decimal strings (exact); rates, R and seconds are numbers; times are ISO
// 8601 UTC; a value that does not exist (no fill, no stop) is null.
boost::json::object channel_report_json(const ChannelBacktestSetup& setup,
                                        const ChannelBacktestResult& result,
                                        const ChannelReportSources& sources);
std::string channel_report_text(const ChannelBacktestSetup& setup,
                                const ChannelBacktestResult& result,
                                const ChannelReportSources& sources);

}  // namespace sigtrader::engine
