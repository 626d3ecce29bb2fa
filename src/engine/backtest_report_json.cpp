#include "engine/backtest_report_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "analytics/metrics_json.hpp"

namespace sigtrader::engine {
namespace {

namespace json = boost::json;

json::value optional_decimal(const std::optional<core::Decimal>& value) {
  return value ? json::value(value->to_string()) : json::value(nullptr);
}

json::object exits_json(const strategy::ExitPlan& exits) {
  json::array ladder;
  for (const strategy::TakeProfitStep& step : exits.take_profits) {
    ladder.push_back(json::object{{"pct", step.distance_pct.to_string()},
                                  {"fraction", step.fraction.to_string()}});
  }
  return json::object{
      {"stop_loss_pct", optional_decimal(exits.stop_loss_pct)},
      {"take_profit", std::move(ladder)},
      {"trailing_stop_pct", optional_decimal(exits.trailing_stop_pct)},
      {"break_even_after_pct", optional_decimal(exits.break_even_after_pct)},
      {"time_stop",
       exits.time_stop ? json::value(exits.time_stop->to_string()) : json::value(nullptr)},
  };
}

json::value parameter_json(const strategy::ParameterValue& value) {
  struct Visitor {
    json::value operator()(bool v) const { return v; }
    json::value operator()(std::int64_t v) const { return v; }
    json::value operator()(double v) const { return v; }
    json::value operator()(const std::string& v) const { return json::value(v); }
  };
  return std::visit(Visitor{}, value);
}

json::object trade_json(const TradeRecord& trade) {
  return json::object{
      {"symbol", trade.symbol.to_string()},
      {"side", std::string(core::to_string(trade.side))},
      {"entry_time", trade.entry_time.to_iso8601()},
      {"entry_price", trade.entry_price.to_string()},
      {"exit_time", trade.exit_time.to_iso8601()},
      {"exit_price", trade.exit_price.to_string()},
      {"quantity", trade.quantity.to_string()},
      {"fees", trade.fees.to_string()},
      {"slippage", trade.slippage.to_string()},
      {"pnl", trade.pnl.to_string()},
      {"return_pct", trade.return_pct},
      {"exit_reason", trade.exit_reason},
      {"closed_at_end", trade.closed_at_end},
  };
}

}  // namespace

boost::json::object backtest_config_json(const BacktestConfig& config) {
  json::array markets;
  for (const MarketConfig& market : config.markets) {
    const core::Instrument& instrument = market.instrument;
    json::object entry{
        {"symbol", instrument.symbol.to_string()},
        {"kind", std::string(core::to_string(instrument.kind))},
        {"leverage", market.leverage},
        {"data", market.data.filename().string()},
        {"tick_size", instrument.tick_size.to_string()},
        {"step_size", instrument.step_size.to_string()},
        {"min_qty", instrument.min_qty.to_string()},
        {"min_notional", instrument.min_notional.to_string()},
    };
    entry["detail_data"] = market.detail_data ? json::value(market.detail_data->filename().string())
                                              : json::value(nullptr);
    entry["funding"] =
        market.funding ? json::value(market.funding->filename().string()) : json::value(nullptr);
    markets.push_back(std::move(entry));
  }
  json::object params;
  for (const auto& [key, value] : config.parameters.values())
    params[key] = parameter_json(value);
  json::object out{
      {"markets", std::move(markets)},
      {"quote_asset", config.quote_asset},
      {"starting_balance", config.starting_balance.to_string()},
      {"fee_rate", config.fee_rate.to_string()},
      {"maker_fee_rate", config.maker_fee_rate.to_string()},
      {"slippage_bps", config.slippage_bps.to_string()},
      {"latency", config.latency.to_string()},
      {"partial_fills", config.partial_fills},
      {"max_volume_fraction", config.max_volume_fraction.to_string()},
      {"risk_free_rate", config.risk_free_rate},
      {"seed", config.seed},
      {"strategy", json::object{{"name", config.strategy_name},
                                {"params", std::move(params)},
                                {"exits", exits_json(config.exits)}}},
  };
  out["from"] = config.from ? json::value(config.from->to_iso8601()) : json::value(nullptr);
  out["to"] = config.to ? json::value(config.to->to_iso8601()) : json::value(nullptr);
  out["equity_interval"] = config.equity_interval ? json::value(config.equity_interval->to_string())
                                                  : json::value(nullptr);
  return out;
}

json::object backtest_report_json(const BacktestConfig& config, const BacktestResult& result) {
  json::array trades;
  for (const TradeRecord& trade : result.trades)
    trades.push_back(trade_json(trade));
  json::array equity;
  for (const analytics::EquityPoint& point : result.equity) {
    equity.push_back(json::array{json::value(point.ts.to_iso8601()), json::value(point.equity)});
  }
  json::object summary{
      {"candles", result.candles},
      {"detail_candles", result.detail_candles},
      {"starting_equity", result.starting_equity.to_string()},
      {"final_equity", result.final_equity.to_string()},
      {"total_fees", result.total_fees.to_string()},
      {"total_slippage", result.total_slippage.to_string()},
      {"total_funding", result.total_funding.to_string()},
      {"trades", result.trades.size()},
      {"orders", result.orders},
      {"rejected_orders", result.rejected_orders},
      {"equity_period", result.period.to_string()},
  };
  summary["first_open"] =
      result.first_open ? json::value(result.first_open->to_iso8601()) : json::value(nullptr);
  summary["last_close"] =
      result.last_close ? json::value(result.last_close->to_iso8601()) : json::value(nullptr);
  return json::object{
      {"config", backtest_config_json(config)},
      {"summary", std::move(summary)},
      {"metrics", analytics::to_json(result.metrics)},
      {"trades", std::move(trades)},
      {"equity", std::move(equity)},
  };
}

std::string backtest_report_text(const BacktestConfig& config, const BacktestResult& result) {
  const json::object report = backtest_report_json(config, result);
  std::string text = "{\n";
  bool first = true;
  for (const auto& [key, value] : report) {
    if (!first) text += ",\n";
    first = false;
    text += "  ";
    text += json::serialize(json::string(key));
    text += ": ";
    text += json::serialize(value);
  }
  text += "\n}\n";
  return text;
}

}  // namespace sigtrader::engine
