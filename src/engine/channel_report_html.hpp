#pragma once

#include <string>

#include "engine/channel_backtest.hpp"
#include "engine/channel_report_json.hpp"

namespace sigtrader::engine {

// A self-contained HTML page of a channel backtest: per channel its summary, PnL curve and hit
// rate per take-profit level, then every signal with its outcome and reasons. No scripts, no
// external resources: it opens from a file anywhere.
std::string channel_report_html(const ChannelBacktestSetup& setup,
                                const ChannelBacktestResult& result,
                                const ChannelReportSources& sources);

}  // namespace sigtrader::engine
