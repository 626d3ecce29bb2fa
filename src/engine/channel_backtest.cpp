#include "engine/channel_backtest.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "engine/backtest_engine.hpp"
#include "market/candle_source.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

bool is_trade_signal(const bus::SignalEvent& event) {
  return event.version == 1 && (event.label == "long" || event.label == "short");
}

SignalResult result_of(const bus::SignalEvent& event) {
  SignalResult result;
  result.channel = event.channel;
  result.message_id = event.message_id;
  result.posted_at = event.header.ts_event;
  result.symbol = event.symbol;
  result.side = event.side;
  result.target_count = event.targets.size();
  return result;
}

SignalResult untraded(const bus::SignalEvent& event, std::string outcome, std::string reason) {
  SignalResult result = result_of(event);
  result.outcome = std::move(outcome);
  result.reasons.push_back(std::move(reason));
  return result;
}

// Closes what `outcome` still holds at the last candle, as the kernel did in its books.
void close_at_data_end(strategy::SignalOutcome& outcome, const market::Candle& last,
                       core::Duration timeframe, const core::Decimal& fee_rate) {
  const core::Quantity remaining = outcome.remaining();
  const core::Money value = remaining * last.close;
  const core::Money fee = core::Money(value.decimal() * fee_rate);
  outcome.add_exit_fill(remaining, last.close, fee);
  outcome.closed_at = last.close_time(timeframe);
  outcome.end = strategy::SignalEnd::kPartial;
  outcome.reasons.push_back(
      fmt::format("still open when the data ended: closed at the last "
                  "close {} with the taker fee",
                  last.close.to_string()));
}

SignalResult result_of(const bus::SignalEvent& event, const strategy::SignalOutcome& outcome) {
  SignalResult result = result_of(event);
  result.outcome = std::string(strategy::to_string(outcome.end));
  result.filled = outcome.filled();
  result.targets_hit = outcome.targets_hit();
  if (outcome.followed) result.target_count = outcome.target_count;
  result.stopped = outcome.stopped;
  result.entry_price = outcome.average_entry();
  result.exit_price = outcome.average_exit();
  if (result.filled) {
    result.pnl = outcome.pnl();
    result.fees = outcome.fees;
    result.r_multiple = outcome.r_multiple();
  }
  result.opened_at = outcome.opened_at;
  result.closed_at = outcome.closed_at;
  if (!outcome.target_reached_at.empty()) result.first_target_at = outcome.target_reached_at[0];
  result.reasons = outcome.reasons;
  return result;
}

struct ChannelRun {
  std::vector<const bus::SignalEvent*> events;  // every event of the channel, in input order
};

}  // namespace

core::Instrument default_instrument(const core::Symbol& symbol, core::Price reference) {
  core::Instrument instrument;
  instrument.symbol = symbol;
  instrument.venue = "sim";
  instrument.kind = core::InstrumentKind::kPerpetual;
  instrument.tick_size = core::Price(core::Decimal::parse("0.00000001"));
  // The largest 10^k (k in -8..0) with 10^k × reference <= 0.01.
  core::Decimal step = core::Decimal::parse("1");
  const core::Decimal ceiling = core::Decimal::parse("0.01");
  const core::Decimal tenth = core::Decimal::parse("0.1");
  for (int k = 0; k < 8 && (step * reference.decimal()) > ceiling; ++k)
    step = step * tenth;
  instrument.step_size = core::Quantity(step);
  instrument.min_qty = instrument.step_size;
  instrument.max_leverage = 125;
  return instrument;
}

core::Result<ChannelBacktestResult> run_channel_backtest(const ChannelBacktestSetup& setup,
                                                         std::span<const bus::SignalEvent> events,
                                                         const CandleLookup& candles) {
  SIGTRADER_RETURN_IF_ERROR(risk::validate(setup.risk));
  ChannelBacktestResult result;
  std::map<core::Symbol, std::string> missing;  // symbol -> why there is no data
  const auto load = [&](const core::Symbol& symbol) -> const market::CandleSeries* {
    if (const auto it = result.candles.find(symbol); it != result.candles.end()) return &it->second;
    if (missing.contains(symbol)) return nullptr;
    auto series = candles(symbol);
    if (series && series->candles.size() >= 2 && series->timeframe.count_ns() > 0) {
      return &result.candles.emplace(symbol, std::move(*series)).first->second;
    }
    missing.emplace(symbol, series ? fmt::format("fewer than two candles of {}", symbol.to_string())
                                   : series.error().message());
    return nullptr;
  };

  std::map<std::string, ChannelRun> channels;
  for (const bus::SignalEvent& event : events)
    channels[event.channel.str()].events.push_back(&event);

  for (auto& [channel_id, channel] : channels) {
    std::vector<SignalResult> rows;
    std::vector<bus::SignalEvent> run_events;
    std::vector<const bus::SignalEvent*> traded;  // long/short signals handed to the run
    std::set<core::Symbol> symbols;
    for (const bus::SignalEvent* event : channel.events) {
      if (!is_trade_signal(*event)) {
        run_events.push_back(*event);
        continue;
      }
      if (!event->symbol || !event->side) {
        rows.push_back(untraded(*event, "rejected", "the signal names no symbol or side"));
        continue;
      }
      const core::Symbol& symbol = *event->symbol;
      if (symbol.quote != setup.exchange.quote_asset) {
        rows.push_back(
            untraded(*event, "rejected",
                     fmt::format("{} is quoted in {}; the account is in {}", symbol.to_string(),
                                 symbol.quote, setup.exchange.quote_asset)));
        continue;
      }
      const market::CandleSeries* series = load(symbol);
      if (series == nullptr) {
        rows.push_back(untraded(*event, "no_data", missing.at(symbol)));
        continue;
      }
      const core::Timestamp due = event->header.ts_init + setup.classification_latency;
      const core::Timestamp first = series->candles.front().open_time;
      const core::Timestamp last = series->candles.back().close_time(series->timeframe);
      if (due < first || due >= last) {
        rows.push_back(untraded(
            *event, "no_data",
            fmt::format("received at {}, outside the data of {} ({} .. {})", due.to_iso8601(),
                        symbol.to_string(), first.to_iso8601(), last.to_iso8601())));
        continue;
      }
      symbols.insert(symbol);
      traded.push_back(event);
      run_events.push_back(*event);
    }

    if (!symbols.empty()) {
      BacktestConfig config = setup.exchange;
      config.markets.clear();
      config.history_length = std::max(config.history_length, setup.gate.history_needed());
      // Candles long before the first signal change nothing but the ATR's warm-up.
      std::optional<core::Timestamp> first_due;
      for (const bus::SignalEvent* event : traded) {
        const core::Timestamp due = event->header.ts_init + setup.classification_latency;
        if (!first_due || due < *first_due) first_due = due;
      }
      std::vector<MarketFeed> feeds;
      for (const core::Symbol& symbol : symbols) {
        const market::CandleSeries& series = result.candles.at(symbol);
        MarketConfig market;
        const auto described = std::find_if(
            setup.exchange.markets.begin(), setup.exchange.markets.end(),
            [&symbol](const MarketConfig& m) { return m.instrument.symbol == symbol; });
        if (described != setup.exchange.markets.end()) {
          market = *described;
        } else {
          market.instrument = default_instrument(symbol, series.candles.front().close);
        }
        config.markets.push_back(market);
        const core::Timestamp from =
            *first_due - series.timeframe * static_cast<std::int64_t>(config.history_length);
        MarketFeed feed;
        feed.candles =
            std::make_unique<market::SpanCandleSource>(series.candles, series.timeframe, from);
        feeds.push_back(std::move(feed));
      }

      risk::RiskEngine engine(setup.risk);
      RiskGate gate(engine, setup.gate);
      strategy::SignalFollower follower(setup.follower, gate.sizer(), gate.observer());
      // Nobody approves during a backtest: a queued signal expires untraded.
      follower.set_approval_hooks(gate.approval_hooks());
      for (const auto& [id, config] : setup.channel_followers)
        follower.set_channel_config(id, config);
      BacktestOptions options;
      options.record_decisions = false;
      options.signals = run_events;
      options.classification_latency = setup.classification_latency;
      SIGTRADER_TRY(const BacktestResult run,
                    run_backtest(config, follower, std::move(feeds), options));
      (void)run;

      std::map<std::int64_t, strategy::SignalOutcome> outcomes;
      for (const strategy::SignalOutcome& outcome : follower.outcomes())
        outcomes.emplace(outcome.message_id.value(), outcome);
      for (const bus::SignalEvent* event : traded) {
        const auto found = outcomes.find(event->message_id.value());
        if (found == outcomes.end()) {
          rows.push_back(untraded(*event, "no_data", "not delivered: outside the data"));
          continue;
        }
        strategy::SignalOutcome& outcome = found->second;
        if (outcome.end == strategy::SignalEnd::kOpen && outcome.remaining().is_positive()) {
          const market::CandleSeries& series = result.candles.at(*event->symbol);
          close_at_data_end(outcome, series.candles.back(), series.timeframe, config.fee_rate);
        }
        rows.push_back(result_of(*event, outcome));
      }
      for (bus::RiskEvent& event : engine.take_events())
        result.risk_events.push_back(std::move(event));
    }

    result.channels.push_back(
        summarize_channel(core::ChannelId(channel_id), rows, setup.exchange.starting_balance));
    for (SignalResult& row : rows)
      result.signals.push_back(std::move(row));
  }

  std::stable_sort(result.signals.begin(), result.signals.end(),
                   [](const SignalResult& a, const SignalResult& b) {
                     if (a.posted_at != b.posted_at) return a.posted_at < b.posted_at;
                     if (a.channel.str() != b.channel.str())
                       return a.channel.str() < b.channel.str();
                     return a.message_id.value() < b.message_id.value();
                   });
  return result;
}

}  // namespace sigtrader::engine
