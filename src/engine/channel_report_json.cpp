#include "engine/channel_report_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace sigtrader::engine {
namespace {

namespace json = boost::json;

json::value optional_time(const std::optional<core::Timestamp>& ts) {
  return ts ? json::value(ts->to_iso8601()) : json::value(nullptr);
}

json::value optional_price(const std::optional<core::Price>& price) {
  return price ? json::value(price->to_string()) : json::value(nullptr);
}

json::value optional_number(const std::optional<double>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

double seconds(core::Duration duration) {
  return static_cast<double>(duration.count_ns()) / 1e9;
}

json::object signal_json(const SignalResult& signal) {
  json::array reasons;
  for (const std::string& reason : signal.reasons)
    reasons.emplace_back(reason);
  json::object out{
      {"message_id", signal.message_id.value()},
      {"channel", signal.channel.str()},
      {"posted_at", signal.posted_at.to_iso8601()},
      {"symbol", signal.symbol ? json::value(signal.symbol->to_string()) : json::value(nullptr)},
      {"side", signal.side ? json::value(std::string(core::to_string(*signal.side)))
                           : json::value(nullptr)},
      {"filled", signal.filled},
      {"targets_hit", signal.targets_hit},
      {"target_count", signal.target_count},
      {"stopped", signal.stopped},
      {"outcome", signal.outcome},
      {"entry_price", optional_price(signal.entry_price)},
      {"exit_price", optional_price(signal.exit_price)},
      {"pnl", signal.pnl.to_string()},
      {"fees", signal.fees.to_string()},
      {"r_multiple", optional_number(signal.r_multiple)},
      {"opened_at", optional_time(signal.opened_at)},
      {"closed_at", optional_time(signal.closed_at)},
      {"reasons", std::move(reasons)},
  };
  out["seconds_to_outcome"] = signal.opened_at && signal.closed_at
                                  ? json::value(seconds(*signal.closed_at - *signal.opened_at))
                                  : json::value(nullptr);
  return out;
}

json::object channel_json(const ChannelSummary& channel) {
  json::object outcomes;
  for (const auto& [name, count] : channel.outcomes)
    outcomes[name] = count;
  json::array tp_hit_rate;
  for (double rate : channel.tp_hit_rate)
    tp_hit_rate.emplace_back(rate);
  json::array curve;
  for (const PnlPoint& point : channel.pnl_curve) {
    curve.push_back(json::array{json::value(point.ts.to_iso8601()),
                                json::value(point.cumulative_pnl.to_string())});
  }
  json::object out{
      {"channel", channel.channel.str()},
      {"signals", channel.signals},
      {"filled", channel.filled},
      {"wins", channel.wins},
      {"losses", channel.losses},
      {"outcomes", std::move(outcomes)},
      {"win_rate", optional_number(channel.win_rate)},
      {"avg_r", optional_number(channel.avg_r)},
      {"avg_win_r", optional_number(channel.avg_win_r)},
      {"expectancy", optional_number(channel.expectancy)},
      {"total_pnl", channel.total_pnl.to_string()},
      {"max_drawdown", channel.max_drawdown},
      {"tp_hit_rate", std::move(tp_hit_rate)},
      {"pnl_curve", std::move(curve)},
  };
  out["median_time_to_tp1"] = channel.median_time_to_tp1
                                  ? json::value(seconds(*channel.median_time_to_tp1))
                                  : json::value(nullptr);
  return out;
}

json::object setup_json(const ChannelBacktestSetup& setup, const ChannelReportSources& sources) {
  json::array files;
  for (const std::string& file : sources.signal_files)
    files.emplace_back(file);
  json::array split;
  for (const core::Decimal& fraction : setup.follower.tp_split)
    split.emplace_back(fraction.to_string());
  const BacktestConfig& exchange = setup.exchange;
  return json::object{
      {"signal_files", std::move(files)},
      {"data_dir", sources.data_dir},
      {"quote_asset", exchange.quote_asset},
      {"starting_balance", exchange.starting_balance.to_string()},
      {"fee_rate", exchange.fee_rate.to_string()},
      {"maker_fee_rate", exchange.maker_fee_rate.to_string()},
      {"slippage_bps", exchange.slippage_bps.to_string()},
      {"latency", exchange.latency.to_string()},
      {"classification_latency", setup.classification_latency.to_string()},
      {"follower", json::object{{"entry", std::string(strategy::to_string(setup.follower.entry))},
                                {"tp_split", std::move(split)},
                                {"breakeven_after_tp", setup.follower.breakeven_after_tp},
                                {"entry_expiry", setup.follower.entry_expiry.to_string()},
                                {"skip_without_stop", setup.follower.skip_without_stop}}},
      {"risk", json::object{{"policy", std::string(risk::policy_name(setup.risk.policy))},
                            {"min_confidence", setup.risk.validator.min_confidence},
                            {"max_open_positions", setup.risk.validator.max_open_positions},
                            {"max_consecutive_losses", setup.risk.breaker.max_consecutive_losses},
                            {"daily_loss_pct", setup.risk.breaker.daily_loss_pct},
                            {"cooldown", setup.risk.breaker.cooldown.to_string()}}},
  };
}

json::object risk_event_json(const bus::RiskEvent& event) {
  json::object details;
  for (const auto& [key, value] : event.details)
    details[key] = value;
  return json::object{
      {"ts", event.header.ts_event.to_iso8601()},
      {"kind", event.kind},
      {"symbol", event.symbol ? json::value(event.symbol->to_string()) : json::value(nullptr)},
      {"reason", event.reason},
      {"details", std::move(details)},
  };
}

}  // namespace

json::object channel_report_json(const ChannelBacktestSetup& setup,
                                 const ChannelBacktestResult& result,
                                 const ChannelReportSources& sources) {
  json::array signals;
  for (const SignalResult& signal : result.signals)
    signals.push_back(signal_json(signal));
  json::array channels;
  for (const ChannelSummary& channel : result.channels)
    channels.push_back(channel_json(channel));
  json::array risk_events;
  for (const bus::RiskEvent& event : result.risk_events)
    risk_events.push_back(risk_event_json(event));
  return json::object{
      {"setup", setup_json(setup, sources)},
      {"signals", std::move(signals)},
      {"channels", std::move(channels)},
      {"risk_events", std::move(risk_events)},
  };
}

std::string channel_report_text(const ChannelBacktestSetup& setup,
                                const ChannelBacktestResult& result,
                                const ChannelReportSources& sources) {
  return json::serialize(channel_report_json(setup, result, sources)) + "\n";
}

}  // namespace sigtrader::engine
