#include "app/demo_summary.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace sigtrader::app {

namespace {

// Money to the cent with its sign, for people ("+123.45", "-7.10").
std::string signed_cents(core::Money amount) {
  const auto cents = amount.rescaled(2, core::Rounding::kNearest);
  const std::string text = cents.ok() ? cents->to_string() : amount.to_string();
  return amount.is_negative() ? text : "+" + text;
}

std::string cents(core::Money amount) {
  const auto rounded = amount.rescaled(2, core::Rounding::kNearest);
  return rounded.ok() ? rounded->to_string() : amount.to_string();
}

void tally(DemoChannelTally& tally, const strategy::SignalOutcome& outcome) {
  ++tally.signals;
  if (outcome.followed) ++tally.followed;
  // engine::RiskGate's refusals are the reasons that start so.
  const bool refused =
      std::any_of(outcome.reasons.begin(), outcome.reasons.end(),
                  [](const std::string& reason) { return reason.starts_with("risk:"); });
  if (!outcome.followed && refused) ++tally.refused;
  if (outcome.filled()) {
    const core::Money pnl = outcome.pnl();
    tally.realised += pnl;
    if (!outcome.closed_at) {
      ++tally.open;
    } else if (pnl.is_positive()) {
      ++tally.won;
    } else if (pnl.is_negative()) {
      ++tally.lost;
    }
  }
}

std::string plural(int count, const char* word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

DemoSummary summarize_demo(const PaperRunResult& result) {
  DemoSummary summary;
  summary.status = result.status;
  summary.starting_balance = result.starting_balance;
  for (const strategy::SignalOutcome& outcome : result.outcomes) {
    auto channel = std::find_if(
        summary.channels.begin(), summary.channels.end(),
        [&](const DemoChannelTally& tally) { return tally.channel == outcome.channel.str(); });
    if (channel == summary.channels.end()) {
      DemoChannelTally first;
      first.channel = outcome.channel.str();
      summary.channels.push_back(std::move(first));
      channel = summary.channels.end() - 1;
    }
    tally(*channel, outcome);
    tally(summary.total, outcome);
  }
  return summary;
}

std::string demo_summary_text(const DemoSummary& summary) {
  const engine::PaperStatus& status = summary.status;
  const core::Money pnl = status.equity - summary.starting_balance;
  const double percent = summary.starting_balance.is_positive()
                             ? pnl.to_double() / summary.starting_balance.to_double() * 100.0
                             : 0.0;
  const DemoChannelTally& total = summary.total;
  std::string text =
      fmt::format("Demo summary at {} after {}\n",
                  status.instant ? status.instant->to_iso8601() : std::string("the start"),
                  plural(static_cast<int>(status.steps), "step"));
  text += fmt::format("  equity {} {}: PnL {} ({:+.2f} %), realised {}; {} open\n",
                      cents(status.equity), status.quote_asset, signed_cents(pnl), percent,
                      signed_cents(total.realised),
                      plural(static_cast<int>(status.open_positions), "position"));
  text += fmt::format(
      "  signals {}: {} followed, {} refused by risk, {} skipped; trades {}: {} won, {} lost, {} "
      "open\n",
      total.signals, total.followed, total.refused, total.signals - total.followed - total.refused,
      total.won + total.lost + total.open, total.won, total.lost, total.open);
  text += fmt::format("  orders sent {}, fills {}\n", status.orders_sent, status.fills);
  for (const DemoChannelTally& channel : summary.channels) {
    text +=
        fmt::format("  {:<24} {:>3} signals {:>3} followed {:>3} won {:>3} lost {:>3} open  {}\n",
                    channel.channel, channel.signals, channel.followed, channel.won, channel.lost,
                    channel.open, signed_cents(channel.realised));
  }
  return text;
}

}  // namespace sigtrader::app
