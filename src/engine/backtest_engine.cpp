#include "engine/backtest_engine.hpp"

#include <algorithm>
#include <limits>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "bus/event_log.hpp"
#include "bus/message_bus.hpp"
#include "core/clock.hpp"
#include "engine/kernel.hpp"
#include "execution/order_manager.hpp"
#include "execution/portfolio.hpp"
#include "execution/sim_exchange.hpp"
#include "strategy/registry.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

execution::SimExchangeConfig exchange_config(const BacktestConfig& config) {
  execution::SimExchangeConfig sim;
  sim.quote_asset = config.quote_asset;
  sim.starting_balances[config.quote_asset] = config.starting_balance;
  sim.taker_fee_rate = config.fee_rate;
  sim.maker_fee_rate = config.maker_fee_rate;
  sim.slippage_bps = config.slippage_bps;
  sim.latency = config.latency;
  sim.partial_fills = config.partial_fills;
  sim.max_volume_fraction = config.max_volume_fraction;
  return sim;
}

core::Status check_feeds(const BacktestConfig& config, const std::vector<MarketFeed>& feeds) {
  if (feeds.size() != config.markets.size()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("{} markets configured but {} data feeds given", config.markets.size(),
                             feeds.size()));
  }
  for (std::size_t i = 0; i < feeds.size(); ++i) {
    const std::string symbol = config.markets[i].instrument.symbol.to_string();
    const core::Duration timeframe = feeds[i].candles->timeframe();
    if (timeframe.count_ns() <= 0) {
      return Error(
          ErrorCode::kInvalidArgument,
          fmt::format("{}: the data's timeframe is unknown (fewer than two candles?)", symbol));
    }
    if (feeds[i].detail) {
      const core::Duration detail = feeds[i].detail->timeframe();
      if (detail.count_ns() <= 0 || detail >= timeframe ||
          timeframe.count_ns() % detail.count_ns() != 0) {
        return Error(ErrorCode::kInvalidArgument,
                     fmt::format("{}: the detail timeframe must divide the candle timeframe {} "
                                 "into smaller steps",
                                 symbol, timeframe.to_string()));
      }
    }
  }
  return {};
}

// Keeps the last equity point of each interval (every point without one).
class EquityRecorder {
 public:
  explicit EquityRecorder(std::optional<core::Duration> interval) : interval_(interval) {}

  void record(core::Timestamp ts, double equity) {
    if (interval_) {
      if (!points_.empty() && ts < bucket_end_) {
        points_.back() = {ts, equity};
        return;
      }
      bucket_end_ = ts.floor_to(*interval_) + *interval_;
    }
    points_.push_back({ts, equity});
  }
  // The closing point replaces the last one recorded at the same time.
  void record_final(core::Timestamp ts, double equity) {
    if (!points_.empty() && points_.back().ts == ts) {
      points_.back().equity = equity;
      return;
    }
    record(ts, equity);
  }
  std::vector<analytics::EquityPoint> take() && { return std::move(points_); }

 private:
  std::optional<core::Duration> interval_;
  core::Timestamp bucket_end_;  // the end of the interval the last point belongs to
  std::vector<analytics::EquityPoint> points_;
};

analytics::ClosedTrade to_closed_trade(const TradeRecord& trade,
                                       const std::optional<core::Decimal>& stop_loss_pct) {
  analytics::ClosedTrade closed;
  closed.entry_time = trade.entry_time;
  closed.exit_time = trade.exit_time;
  closed.pnl = trade.pnl.to_double();
  closed.return_pct = trade.return_pct;
  closed.fees = trade.fees.to_double();
  closed.slippage = trade.slippage.to_double();
  if (stop_loss_pct) {
    const double risk = trade.entry_notional.to_double() * stop_loss_pct->to_double() / 100.0;
    if (risk > 0) closed.r_multiple = closed.pnl / risk;
  }
  return closed;
}

// The options' signals in delivery order (ts_init + latency; ties in input order), handed out as
// the backtest's time passes them.
class SignalQueue {
 public:
  SignalQueue(std::span<const bus::SignalEvent> signals, core::Duration latency)
      : signals_(signals), latency_(latency), order_(signals.size()) {
    for (std::size_t i = 0; i < order_.size(); ++i)
      order_[i] = i;
    std::stable_sort(order_.begin(), order_.end(),
                     [this](std::size_t a, std::size_t b) { return due(a) < due(b); });
  }

  // The delivery time of the next signal, if any is left.
  std::optional<core::Timestamp> next_due() const {
    if (next_ == order_.size()) return std::nullopt;
    return due(order_[next_]);
  }
  const bus::SignalEvent& pop() { return signals_[order_[next_++]]; }
  std::size_t left() const { return order_.size() - next_; }

 private:
  core::Timestamp due(std::size_t index) const { return signals_[index].header.ts_init + latency_; }

  std::span<const bus::SignalEvent> signals_;
  core::Duration latency_;
  std::vector<std::size_t> order_;
  std::size_t next_ = 0;
};

}  // namespace

core::Result<BacktestResult> run_backtest(const BacktestConfig& config,
                                          std::vector<MarketFeed> feeds,
                                          const BacktestOptions& options) {
  SIGTRADER_TRY(std::unique_ptr<strategy::Strategy> strategy,
                strategy::make_strategy(config.strategy_name, config.parameters, config.exits));
  return run_backtest(config, *strategy, std::move(feeds), options);
}

core::Result<BacktestResult> run_backtest(const BacktestConfig& config,
                                          strategy::Strategy& strategy,
                                          std::vector<MarketFeed> feeds,
                                          const BacktestOptions& options) {
  SIGTRADER_RETURN_IF_ERROR(check_feeds(config, feeds));
  std::optional<core::Timestamp> first_open;
  for (MarketFeed& feed : feeds) {
    if (const market::Candle* candle = feed.candles->peek()) {
      if (!first_open || candle->open_time < *first_open) first_open = candle->open_time;
    }
  }
  if (!first_open) {
    return Error(ErrorCode::kInvalidArgument,
                 "no candles to run on: the data files are empty or outside backtest.from/to");
  }

  core::SimClock clock(*first_open);
  bus::MessageBus bus;
  std::unique_ptr<bus::EventLog> event_log;
  if (options.event_log_dir) {
    SIGTRADER_TRY(event_log, bus::EventLog::open(bus::EventLogOptions{*options.event_log_dir, {}}));
    event_log->attach_all(bus);
  }
  execution::Portfolio portfolio(config.quote_asset);
  SIGTRADER_RETURN_IF_ERROR(portfolio.deposit(config.starting_balance));
  std::vector<core::Instrument> instruments;
  for (const MarketConfig& market : config.markets)
    instruments.push_back(market.instrument);
  execution::SimExchange exchange(exchange_config(config), clock, instruments);
  execution::OrderManager orders(bus, clock, exchange, portfolio);
  std::vector<execution::SymbolHandle> handles;
  std::vector<strategy::MarketInfo> infos;
  for (std::size_t i = 0; i < config.markets.size(); ++i) {
    const MarketConfig& market = config.markets[i];
    if (market.instrument.kind == core::InstrumentKind::kPerpetual) {
      SIGTRADER_RETURN_IF_ERROR(exchange.set_leverage(market.instrument.symbol, market.leverage));
    }
    SIGTRADER_RETURN_IF_ERROR(orders.add_instrument(market.instrument));
    SIGTRADER_TRY(execution::SymbolHandle handle, exchange.handle(market.instrument.symbol));
    handles.push_back(handle);
    infos.push_back({i, market.instrument, feeds[i].candles->timeframe(), market.leverage});
  }
  exchange.set_listener(&orders);
  Kernel kernel(bus, clock, orders, portfolio, strategy, infos,
                KernelOptions{"bt", config.history_length, options.record_decisions});

  BacktestResult result;
  result.first_open = first_open;
  result.starting_equity = config.starting_balance;
  result.period = infos.front().timeframe;
  for (const strategy::MarketInfo& info : infos)
    result.period = std::min(result.period, info.timeframe);
  if (config.equity_interval) result.period = std::max(result.period, *config.equity_interval);
  EquityRecorder equity(config.equity_interval);
  std::vector<std::size_t> next_funding(feeds.size(), 0);
  std::vector<std::pair<std::size_t, market::Candle>> closing;
  closing.reserve(feeds.size());
  std::optional<core::Timestamp> now;
  SignalQueue signals(options.signals, options.classification_latency);
  // Delivers the signals due before `until` (or at it, with `inclusive`), each at its own instant.
  const auto deliver_signals = [&](core::Timestamp until, bool inclusive) {
    while (const std::optional<core::Timestamp> due = signals.next_due()) {
      if (*due > until || (!inclusive && *due == until)) break;
      const bus::SignalEvent& signal = signals.pop();
      if (*due < *first_open) {
        ++result.signals_before_data;
        continue;
      }
      clock.advance_to(*due);
      kernel.on_signal(signal);
      ++result.signals_delivered;
    }
  };

  kernel.start();
  for (;;) {
    // The next instant anything closes: a strategy candle, or a detail candle the exchange
    // matches instead. Detail candles outside their market's strategy candles are skipped.
    std::optional<core::Timestamp> close_time;
    const auto consider = [&close_time](core::Timestamp close) {
      if (!close_time || close < *close_time) close_time = close;
    };
    for (std::size_t i = 0; i < feeds.size(); ++i) {
      const market::Candle* main = feeds[i].candles->peek();
      if (main == nullptr) continue;
      consider(main->close_time(infos[i].timeframe));
      if (!feeds[i].detail) continue;
      market::CandleSource& detail = *feeds[i].detail;
      while (const market::Candle* step = detail.peek()) {
        if (step->open_time >= main->open_time) {
          consider(step->close_time(detail.timeframe()));
          break;
        }
        detail.advance();
      }
    }
    if (!close_time) break;
    // A signal due at this close comes after the candles closing then.
    deliver_signals(*close_time, false);
    clock.advance_to(*close_time);

    // The exchange first (detail candles, or the strategy's own candle), then funding, then the
    // strategy sees what closed.
    closing.clear();
    for (std::size_t i = 0; i < feeds.size(); ++i) {
      if (feeds[i].detail) {
        market::CandleSource& detail = *feeds[i].detail;
        const market::Candle* step = detail.peek();
        if (step != nullptr && step->close_time(detail.timeframe()) == *close_time) {
          SIGTRADER_RETURN_IF_ERROR(exchange.on_candle(handles[i], *step, detail.timeframe()));
          ++result.detail_candles;
          detail.advance();
        }
      }
      const market::Candle* peeked = feeds[i].candles->peek();
      if (peeked == nullptr || peeked->close_time(infos[i].timeframe) != *close_time) continue;
      closing.emplace_back(i, *peeked);
      feeds[i].candles->advance();
      if (!feeds[i].detail) {
        SIGTRADER_RETURN_IF_ERROR(
            exchange.on_candle(handles[i], closing.back().second, infos[i].timeframe));
      }
    }
    for (std::size_t i = 0; i < feeds.size(); ++i) {
      const std::vector<market::FundingRate>& funding = feeds[i].funding;
      std::size_t& next = next_funding[i];
      while (next < funding.size() && funding[next].ts <= *close_time) {
        if (funding[next].ts >= *first_open) {
          SIGTRADER_RETURN_IF_ERROR(exchange.on_funding_rate(infos[i].instrument.symbol,
                                                             funding[next].ts, funding[next].rate));
        }
        ++next;
      }
    }
    if (closing.empty()) continue;
    for (const auto& [market, candle] : closing) {
      kernel.on_candle(market, candle);
      ++result.candles;
      if (options.progress && result.candles % options.progress_every == 0) {
        options.progress(result.candles, *close_time);
      }
    }
    equity.record(*close_time, kernel.equity().to_double());
    now = close_time;
  }

  // Due at the last close: after its candles. Anything later has no data to act on.
  if (now) deliver_signals(clock.now(), true);
  result.signals_after_data = signals.left();

  SIGTRADER_RETURN_IF_ERROR(kernel.close_at_end(config.fee_rate));
  kernel.stop();
  result.final_equity = kernel.equity();
  if (now) equity.record_final(*now, result.final_equity.to_double());
  result.last_close = now;
  if (options.progress) options.progress(result.candles, now.value_or(*first_open));

  result.equity = std::move(equity).take();
  result.trades = kernel.trades().trades();
  result.decisions = kernel.decisions();
  result.orders = kernel.orders_sent();
  result.rejected_orders = kernel.rejected_orders();
  result.rejection_examples = kernel.rejection_examples();
  for (const TradeRecord& trade : result.trades) {
    result.total_fees += trade.fees;
    result.total_slippage += trade.slippage;
  }
  result.total_funding = orders.total_funding();

  analytics::MetricsInput input;
  input.equity = std::move(result.equity);  // lent to the metrics, not copied: it can be long
  input.starting_equity = config.starting_balance.to_double();
  input.period = result.period;
  input.risk_free_rate = config.risk_free_rate;
  for (const TradeRecord& trade : result.trades) {
    input.trades.push_back(to_closed_trade(trade, config.exits.stop_loss_pct));
  }
  result.metrics = analytics::compute_metrics(input);
  result.equity = std::move(input.equity);
  return result;
}

}  // namespace sigtrader::engine
