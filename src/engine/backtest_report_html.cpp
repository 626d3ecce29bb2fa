#include "engine/backtest_report_html.hpp"

#include <cmath>

#include <fmt/format.h>

#include "engine/svg_chart.hpp"

namespace sigtrader::engine {
namespace {

constexpr std::size_t kMaxChartPoints = 2000;
constexpr std::size_t kMaxTradeRows = 2000;

double seconds(core::Timestamp ts) {
  return static_cast<double>(ts.seconds());
}

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) return "–";
  return fmt::format("{:.{}f}", value, decimals);
}

std::string percent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  return fmt::format("{:.2f} %", fraction * 100);
}

std::string row(std::string_view name, const std::string& value) {
  return fmt::format("<tr><th>{}</th><td>{}</td></tr>", escape_html(name), escape_html(value));
}

std::string metrics_table(const BacktestResult& result) {
  const analytics::PerformanceMetrics& m = result.metrics;
  std::string html = "<table class=\"metrics\">";
  html += row("Starting equity", result.starting_equity.to_string());
  html += row("Final equity", result.final_equity.to_string());
  html += row("Net profit", number(m.net_profit, 2));
  html += row("Total return", percent(m.total_return));
  html += row("CAGR", percent(m.cagr));
  html += row("Annualised volatility", percent(m.annualized_volatility));
  html += row("Sharpe", number(m.sharpe, 2));
  html += row("Sortino", number(m.sortino, 2));
  html += row("Calmar", number(m.calmar, 2));
  html += row("Max drawdown", percent(m.max_drawdown));
  html += row("Max drawdown duration", m.max_drawdown_duration.to_string());
  html += row("Ulcer index", number(m.ulcer_index, 4));
  html += row("VaR 95 %", percent(m.value_at_risk_95));
  html += row("CVaR 95 %", percent(m.conditional_value_at_risk_95));
  html += row("Trades", fmt::format("{}", m.trade_count));
  html += row("Win rate", percent(m.win_rate));
  html += row("Profit factor", number(m.profit_factor, 2));
  html += row("Expectancy", number(m.expectancy, 2));
  html += row("Payoff ratio", number(m.payoff_ratio, 2));
  html += row("Largest win / loss", number(m.largest_win, 2) + " / " + number(m.largest_loss, 2));
  html += row("Max consecutive wins / losses",
              fmt::format("{} / {}", m.max_consecutive_wins, m.max_consecutive_losses));
  html += row("Exposure time", percent(m.exposure_time));
  html += row("Average trade duration", m.average_trade_duration.to_string());
  html += row("Total fees", result.total_fees.to_string());
  html += row("Total slippage", result.total_slippage.to_string());
  html += row("Total funding", result.total_funding.to_string());
  html += row("Kelly fraction", number(m.kelly_fraction, 3));
  html += row("SQN", number(m.sqn, 2));
  html += row("Recovery factor", number(m.recovery_factor, 2));
  html += row("Rejected orders", fmt::format("{}", result.rejected_orders));
  html += "</table>";
  return html;
}

std::vector<ChartPoint> equity_points(const BacktestResult& result) {
  std::vector<ChartPoint> points;
  points.reserve(result.equity.size());
  for (const analytics::EquityPoint& point : result.equity) {
    points.push_back({seconds(point.ts), point.equity});
  }
  return points;
}

std::vector<ChartPoint> drawdown_points(const BacktestResult& result) {
  std::vector<ChartPoint> points;
  points.reserve(result.equity.size());
  double peak = result.starting_equity.to_double();
  for (const analytics::EquityPoint& point : result.equity) {
    peak = std::max(peak, point.equity);
    points.push_back({seconds(point.ts), peak > 0 ? (point.equity - peak) / peak * 100 : 0});
  }
  return points;
}

std::string price_chart(const core::Symbol& symbol, std::span<const market::Candle> candles,
                        const std::vector<TradeRecord>& trades) {
  std::vector<ChartPoint> points;
  points.reserve(candles.size());
  for (const market::Candle& candle : candles) {
    points.push_back({seconds(candle.open_time), candle.close.to_double()});
  }
  std::vector<ChartMarker> markers;
  for (const TradeRecord& trade : trades) {
    if (trade.symbol != symbol) continue;
    const bool is_long = trade.side == core::PositionSide::kLong;
    markers.push_back({seconds(trade.entry_time), trade.entry_price.to_double(),
                       is_long ? "up" : "down", is_long ? "#16a34a" : "#dc2626",
                       fmt::format("{} entry {} @ {}", core::to_string(trade.side),
                                   trade.entry_time.to_iso8601(), trade.entry_price.to_string())});
    markers.push_back(
        {seconds(trade.exit_time), trade.exit_price.to_double(), "dot",
         trade.pnl.is_negative() ? "#dc2626" : "#16a34a",
         fmt::format("exit ({}) {} @ {}, PnL {}", trade.exit_reason, trade.exit_time.to_iso8601(),
                     trade.exit_price.to_string(), trade.pnl.to_string())});
  }
  return svg_line_chart(thin_series(points, kMaxChartPoints), markers,
                        ChartStyle{960, 300, "#374151", false});
}

std::string trade_table(const std::vector<TradeRecord>& trades) {
  std::string html =
      "<table class=\"trades\"><tr><th>#</th><th>Symbol</th><th>Side</th><th>Entry time</th>"
      "<th>Entry</th><th>Exit time</th><th>Exit</th><th>Quantity</th><th>Fees</th><th>PnL</th>"
      "<th>Return</th><th>Exit reason</th></tr>";
  const std::size_t shown = std::min(trades.size(), kMaxTradeRows);
  for (std::size_t i = 0; i < shown; ++i) {
    const TradeRecord& trade = trades[i];
    html += fmt::format(
        "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
        trade.pnl.is_negative() ? "loss" : "win", i + 1, escape_html(trade.symbol.to_string()),
        core::to_string(trade.side), trade.entry_time.to_iso8601(), trade.entry_price.to_string(),
        trade.exit_time.to_iso8601(), trade.exit_price.to_string(), trade.quantity.to_string(),
        trade.fees.to_string(), trade.pnl.to_string(), percent(trade.return_pct),
        escape_html(trade.exit_reason), trade.closed_at_end ? " (open at end)" : "");
  }
  html += "</table>";
  if (trades.size() > shown) {
    html += fmt::format("<p>{} more trades are in the JSON report.</p>", trades.size() - shown);
  }
  return html;
}

}  // namespace

std::string backtest_report_html(const BacktestConfig& config, const BacktestResult& result,
                                 const std::vector<std::span<const market::Candle>>& prices) {
  std::string symbols;
  for (const MarketConfig& market : config.markets) {
    symbols += (symbols.empty() ? "" : ", ") + market.instrument.symbol.to_string();
  }
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>sigtrader backtest: {} on {}</title><style>"
      "body{{font-family:system-ui,sans-serif;margin:24px;color:#111827}}"
      "table{{border-collapse:collapse;margin:8px 0}}th,td{{padding:3px 8px;text-align:left;"
      "border-bottom:1px solid #e5e7eb;font-size:13px}}tr.loss td{{color:#b91c1c}}"
      "section{{margin-bottom:28px}}</style></head><body>",
      escape_html(config.strategy_name), escape_html(symbols));
  html += fmt::format("<h1>Backtest: {} on {}</h1>", escape_html(config.strategy_name),
                      escape_html(symbols));
  html += fmt::format("<p>{} candles from {} to {}.</p>", result.candles,
                      result.first_open ? result.first_open->to_iso8601() : "–",
                      result.last_close ? result.last_close->to_iso8601() : "–");
  html += "<section id=\"summary\"><h2>Summary</h2>" + metrics_table(result) + "</section>";
  html += "<section id=\"equity\"><h2>Equity</h2>" +
          svg_line_chart(thin_series(equity_points(result), kMaxChartPoints), {},
                         ChartStyle{960, 260, "#2563eb", false}) +
          "</section>";
  html += "<section id=\"drawdown\"><h2>Drawdown (%)</h2>" +
          svg_line_chart(thin_series(drawdown_points(result), kMaxChartPoints), {},
                         ChartStyle{960, 180, "#dc2626", true}) +
          "</section>";
  for (std::size_t i = 0; i < config.markets.size() && i < prices.size(); ++i) {
    if (prices[i].empty()) continue;
    const core::Symbol& symbol = config.markets[i].instrument.symbol;
    html += fmt::format("<section class=\"price\"><h2>{} price and trades</h2>",
                        escape_html(symbol.to_string())) +
            price_chart(symbol, prices[i], result.trades) + "</section>";
  }
  html += "<section id=\"trades\"><h2>Trades</h2>" + trade_table(result.trades) + "</section>";
  html += "</body></html>\n";
  return html;
}

}  // namespace sigtrader::engine
