#pragma once

#include <string>
#include <vector>

#include "app/paper_run.hpp"
#include "core/money.hpp"

namespace sigtrader::app {

// What one channel's signals did in the demo.
struct DemoChannelTally {
  std::string channel;  // "file:alpha_signals"
  int signals = 0;      // long/short signals the follower received
  int followed = 0;     // orders placed for them
  int refused = 0;      // refused by the risk engine (the rest were skipped by the follower)
  int won = 0;          // closed with a profit after fees
  int lost = 0;         // closed with a loss
  int open = 0;         // entered and not closed yet
  core::Money realised;
};

// The end-of-run summary: the account, and the signals by channel.
struct DemoSummary {
  engine::PaperStatus status;
  core::Money starting_balance;
  DemoChannelTally total;
  std::vector<DemoChannelTally> channels;  // in the order their first signal came
};

DemoSummary summarize_demo(const PaperRunResult& result);

// The summary as lines for the terminal:
//   Demo summary at 2025-03-05T12:00:00Z after 250 steps
//     equity 10123.45 USDT: PnL +123.45 (+1.23 %), realised +100.00; 1 position open
//     signals 31: 24 followed, 4 refused by risk, 3 skipped; trades 22: 12 won, 8 lost, 2 open
//     file:alpha_signals      9 signals   8 followed   5 won   2 lost   1 open   +80.12
std::string demo_summary_text(const DemoSummary& summary);

}  // namespace sigtrader::app
