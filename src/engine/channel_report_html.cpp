#include "engine/channel_report_html.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "engine/svg_chart.hpp"

namespace sigtrader::engine {
namespace {

std::string percent(const std::optional<double>& fraction) {
  return fraction ? fmt::format("{:.1f} %", *fraction * 100) : "–";
}

std::string number(const std::optional<double>& value, int decimals) {
  return value && std::isfinite(*value) ? fmt::format("{:.{}f}", *value, decimals) : "–";
}

std::string row(std::string_view name, const std::string& value) {
  return fmt::format("<tr><th>{}</th><td>{}</td></tr>", escape_html(name), escape_html(value));
}

std::string duration_text(const std::optional<core::Duration>& duration) {
  if (!duration) return "–";
  const double hours = static_cast<double>(duration->count_ns()) / 3.6e12;
  return hours < 48 ? fmt::format("{:.1f} h", hours) : fmt::format("{:.1f} d", hours / 24);
}

std::string channel_section(const ChannelSummary& channel, core::Money starting_equity) {
  std::string outcomes;
  for (const auto& [name, count] : channel.outcomes)
    outcomes += fmt::format("{}{} {}", outcomes.empty() ? "" : ", ", count, name);
  std::string levels;
  for (std::size_t i = 0; i < channel.tp_hit_rate.size(); ++i) {
    levels +=
        fmt::format("{}TP{} {:.0f} %", i == 0 ? "" : ", ", i + 1, channel.tp_hit_rate[i] * 100);
  }
  std::string html = fmt::format("<section class=\"channel\"><h2>{}</h2><table>",
                                 escape_html(channel.channel.str()));
  html += row("signals", fmt::format("{} ({})", channel.signals, outcomes));
  html += row("filled",
              fmt::format("{} ({} won, {} lost)", channel.filled, channel.wins, channel.losses));
  html += row("win rate", percent(channel.win_rate));
  html += row("average R", number(channel.avg_r, 2));
  html += row("expectancy per signal", number(channel.expectancy, 2));
  html += row("total PnL", channel.total_pnl.to_string());
  html += row("max drawdown", percent(channel.max_drawdown));
  html += row("take-profit hit rate", levels.empty() ? "–" : levels);
  html += row("median time to TP1", duration_text(channel.median_time_to_tp1));
  html += "</table>";
  if (!channel.pnl_curve.empty()) {
    std::vector<ChartPoint> points;
    points.push_back(ChartPoint{static_cast<double>(channel.pnl_curve.front().ts.ns()) / 1e9, 0});
    for (const PnlPoint& point : channel.pnl_curve) {
      points.push_back(
          ChartPoint{static_cast<double>(point.ts.ns()) / 1e9, point.cumulative_pnl.to_double()});
    }
    html += fmt::format("<h3>Cumulative PnL ({} starting equity)</h3>",
                        escape_html(starting_equity.to_string()));
    html += svg_line_chart(points, {}, ChartStyle{960, 220, "#2563eb", false});
  }
  return html + "</section>";
}

std::string signal_table(const std::vector<SignalResult>& signals) {
  std::string html =
      "<table><tr><th>posted</th><th>channel</th><th>message</th><th>symbol</th><th>side</th>"
      "<th>outcome</th><th>targets</th><th>entry</th><th>exit</th><th>PnL</th><th>R</th>"
      "<th>reasons</th></tr>";
  for (const SignalResult& signal : signals) {
    std::string reasons;
    for (const std::string& reason : signal.reasons)
      reasons += (reasons.empty() ? "" : "; ") + reason;
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        signal.filled && !signal.pnl.is_positive() ? "loss" : "", signal.posted_at.to_iso8601(),
        escape_html(signal.channel.str()), signal.message_id.value(),
        escape_html(signal.symbol ? signal.symbol->to_string() : "–"),
        signal.side ? core::to_string(*signal.side) : "–", escape_html(signal.outcome),
        signal.targets_hit, signal.target_count,
        signal.entry_price ? signal.entry_price->to_string() : "–",
        signal.exit_price ? signal.exit_price->to_string() : "–",
        signal.filled ? signal.pnl.to_string() : "–", number(signal.r_multiple, 2),
        escape_html(reasons));
  }
  return html + "</table>";
}

}  // namespace

std::string channel_report_html(const ChannelBacktestSetup& setup,
                                const ChannelBacktestResult& result,
                                const ChannelReportSources& sources) {
  std::string files;
  for (const std::string& file : sources.signal_files)
    files += (files.empty() ? "" : ", ") + file;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>sigtrader channel backtest</title><style>"
      "body{font-family:system-ui,sans-serif;margin:24px;color:#111827}"
      "table{border-collapse:collapse;margin:8px 0}th,td{padding:3px 8px;text-align:left;"
      "border-bottom:1px solid #e5e7eb;font-size:13px}tr.loss td{color:#b91c1c}"
      "section{margin-bottom:28px}</style></head><body>";
  html += "<h1>Channel backtest</h1>";
  html += fmt::format("<p>Signals from {}; candles from {}; {} {} per channel.</p>",
                      escape_html(files), escape_html(sources.data_dir),
                      escape_html(setup.exchange.starting_balance.to_string()),
                      escape_html(setup.exchange.quote_asset));
  for (const ChannelSummary& channel : result.channels)
    html += channel_section(channel, setup.exchange.starting_balance);
  html += "<section id=\"signals\"><h2>Signals</h2>" + signal_table(result.signals) + "</section>";
  return html + "</body></html>\n";
}

}  // namespace sigtrader::engine
