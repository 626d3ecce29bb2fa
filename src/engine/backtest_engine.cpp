#include "engine/backtest_engine.hpp"

#include <algorithm>
#include <limits>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "bus/event_log.hpp"
#include "engine/kernel.hpp"
#include "strategy/registry.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

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
  SIGTRADER_TRY(std::unique_ptr<SimSession> session,
                SimSession::open(
                    config, strategy, std::move(feeds),
                    SimSessionOptions{.order_id_prefix = "bt",
                                      .liquidation_id_prefix = "liq",
                                      .record_decisions = options.record_decisions,
                                      .classification_latency = options.classification_latency}));
  std::unique_ptr<bus::EventLog> event_log;
  if (options.event_log_dir) {
    SIGTRADER_TRY(event_log, bus::EventLog::open(bus::EventLogOptions{*options.event_log_dir, {}}));
    event_log->attach_all(session->bus());
  }
  for (const bus::SignalEvent& signal : options.signals)
    session->add_signal(signal);

  BacktestResult result;
  result.first_open = session->first_open();
  result.starting_equity = config.starting_balance;
  const std::vector<strategy::MarketInfo>& infos = session->markets();
  result.period = infos.front().timeframe;
  for (const strategy::MarketInfo& info : infos)
    result.period = std::min(result.period, info.timeframe);
  if (config.equity_interval) result.period = std::max(result.period, *config.equity_interval);
  EquityRecorder equity(config.equity_interval);
  Kernel& kernel = session->kernel();

  session->start();
  while (!session->done()) {
    const std::uint64_t before = session->candles();
    SIGTRADER_TRY(const StepOutcome step, session->step());
    if (step.candles == 0) continue;
    if (options.progress) {
      for (std::uint64_t done = before + 1; done <= session->candles(); ++done) {
        if (done % options.progress_every == 0) options.progress(done, step.instant);
      }
    }
    equity.record(step.instant, kernel.equity().to_double());
  }
  SIGTRADER_RETURN_IF_ERROR(session->finish(true));

  const std::optional<core::Timestamp> now = session->last_close();
  result.candles = session->candles();
  result.detail_candles = session->detail_candles();
  result.signals_delivered = session->signals_delivered();
  result.signals_before_data = session->signals_before_data();
  result.signals_after_data = session->signals_pending();
  result.final_equity = kernel.equity();
  if (now) equity.record_final(*now, result.final_equity.to_double());
  result.last_close = now;
  if (options.progress) options.progress(result.candles, now.value_or(session->first_open()));

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
  result.total_funding = session->orders().total_funding();

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
