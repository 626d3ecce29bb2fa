#include "engine/sim_session.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

execution::SimExchangeConfig exchange_config(const BacktestConfig& config,
                                             const SimSessionOptions& options) {
  execution::SimExchangeConfig sim;
  sim.quote_asset = config.quote_asset;
  sim.starting_balances[config.quote_asset] = config.starting_balance;
  sim.taker_fee_rate = config.fee_rate;
  sim.maker_fee_rate = config.maker_fee_rate;
  sim.slippage_bps = config.slippage_bps;
  sim.latency = config.latency;
  sim.partial_fills = config.partial_fills;
  sim.max_volume_fraction = config.max_volume_fraction;
  sim.liquidation_id_prefix = options.liquidation_id_prefix;
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

}  // namespace

core::Result<std::unique_ptr<SimSession>> SimSession::open(const BacktestConfig& config,
                                                           strategy::Strategy& strategy,
                                                           std::vector<MarketFeed> feeds,
                                                           SimSessionOptions options) {
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
  std::unique_ptr<SimSession> session(
      new SimSession(config, std::move(feeds), std::move(options), *first_open));
  SIGTRADER_RETURN_IF_ERROR(session->set_up(config, strategy, session->options_));
  return session;
}

SimSession::SimSession(const BacktestConfig& config, std::vector<MarketFeed> feeds,
                       SimSessionOptions options, core::Timestamp first_open)
    : feeds_(std::move(feeds)),
      options_(std::move(options)),
      fee_rate_(config.fee_rate),
      first_open_(first_open),
      clock_(first_open),
      portfolio_(config.quote_asset),
      next_funding_(feeds_.size(), 0) {
  closing_.reserve(feeds_.size());
}

SimSession::~SimSession() = default;

core::Status SimSession::set_up(const BacktestConfig& config, strategy::Strategy& strategy,
                                const SimSessionOptions& options) {
  SIGTRADER_RETURN_IF_ERROR(portfolio_.deposit(config.starting_balance));
  std::vector<core::Instrument> instruments;
  for (const MarketConfig& market : config.markets)
    instruments.push_back(market.instrument);
  exchange_ = std::make_unique<execution::SimExchange>(exchange_config(config, options), clock_,
                                                       instruments);
  orders_ = std::make_unique<execution::OrderManager>(bus_, clock_, *exchange_, portfolio_);
  for (std::size_t i = 0; i < config.markets.size(); ++i) {
    const MarketConfig& market = config.markets[i];
    if (market.instrument.kind == core::InstrumentKind::kPerpetual) {
      SIGTRADER_RETURN_IF_ERROR(exchange_->set_leverage(market.instrument.symbol, market.leverage));
    }
    SIGTRADER_RETURN_IF_ERROR(orders_->add_instrument(market.instrument));
    SIGTRADER_TRY(execution::SymbolHandle handle, exchange_->handle(market.instrument.symbol));
    handles_.push_back(handle);
    infos_.push_back({i, market.instrument, feeds_[i].candles->timeframe(), market.leverage});
  }
  exchange_->set_listener(orders_.get());
  kernel_ = std::make_unique<Kernel>(
      bus_, clock_, *orders_, portfolio_, strategy, infos_,
      KernelOptions{options.order_id_prefix, config.history_length, options.record_decisions});
  return {};
}

void SimSession::start() {
  SIGTRADER_ASSERT(!started_, "a SimSession starts once");
  started_ = true;
  kernel_->start();
}

void SimSession::add_signal(bus::SignalEvent signal, std::optional<core::Timestamp> due) {
  core::Timestamp at = due ? *due : signal.header.ts_init + options_.classification_latency;
  if (last_instant_ && at < *last_instant_) at = *last_instant_;
  if (at < first_open_) {
    ++signals_before_data_;
    return;
  }
  QueuedSignal queued{at, signal_sequence_++, std::move(signal)};
  // After every queued signal due at or before `at`: ties keep the order of adding.
  const auto position = std::upper_bound(
      signals_.begin() + static_cast<std::ptrdiff_t>(next_signal_), signals_.end(), at,
      [](core::Timestamp value, const QueuedSignal& entry) { return value < entry.due; });
  signals_.insert(position, std::move(queued));
}

std::optional<core::Timestamp> SimSession::next_close() {
  std::optional<core::Timestamp> close_time;
  const auto consider = [&close_time](core::Timestamp close) {
    if (!close_time || close < *close_time) close_time = close;
  };
  for (std::size_t i = 0; i < feeds_.size(); ++i) {
    const market::Candle* main = feeds_[i].candles->peek();
    if (main == nullptr) continue;
    consider(main->close_time(infos_[i].timeframe));
    if (!feeds_[i].detail) continue;
    market::CandleSource& detail = *feeds_[i].detail;
    // Detail candles outside their market's strategy candles are skipped.
    while (const market::Candle* step = detail.peek()) {
      if (step->open_time >= main->open_time) {
        consider(step->close_time(detail.timeframe()));
        break;
      }
      detail.advance();
    }
  }
  return close_time;
}

std::optional<core::Timestamp> SimSession::next_signal_due() const {
  if (next_signal_ == signals_.size()) return std::nullopt;
  return signals_[next_signal_].due;
}

std::optional<core::Timestamp> SimSession::next_time() {
  const std::optional<core::Timestamp> close = next_close();
  if (!close) return std::nullopt;
  // A signal due at a close comes after that close's candles.
  const std::optional<core::Timestamp> signal = next_signal_due();
  if (signal && *signal < *close) return signal;
  return close;
}

core::Result<StepOutcome> SimSession::step() {
  const std::optional<core::Timestamp> close = next_close();
  if (!close) {
    return Error(ErrorCode::kInvalidArgument, "the simulated run has no data left to step through");
  }
  StepOutcome outcome;
  const std::optional<core::Timestamp> signal = next_signal_due();
  if (signal && *signal < *close) {
    outcome.instant = *signal;
    deliver_signals_at(*signal, outcome);
  } else {
    outcome.instant = *close;
    SIGTRADER_RETURN_IF_ERROR(process_close(*close, outcome));
  }
  last_instant_ = outcome.instant;
  return outcome;
}

void SimSession::deliver_signals_at(core::Timestamp instant, StepOutcome& outcome) {
  while (next_signal_ < signals_.size() && signals_[next_signal_].due == instant) {
    clock_.advance_to(instant);
    // By index: a strategy does not add signals, but the queue may grow; copy nothing.
    const bus::SignalEvent& signal = signals_[next_signal_].signal;
    kernel_->on_signal(signal);
    ++next_signal_;
    ++signals_delivered_;
    ++outcome.signals;
  }
}

core::Status SimSession::process_close(core::Timestamp close, StepOutcome& outcome) {
  clock_.advance_to(close);
  // The exchange first (detail candles, or the strategy's own candle), then funding, then the
  // strategy sees what closed.
  closing_.clear();
  for (std::size_t i = 0; i < feeds_.size(); ++i) {
    if (feeds_[i].detail) {
      market::CandleSource& detail = *feeds_[i].detail;
      const market::Candle* step = detail.peek();
      if (step != nullptr && step->close_time(detail.timeframe()) == close) {
        SIGTRADER_RETURN_IF_ERROR(exchange_->on_candle(handles_[i], *step, detail.timeframe()));
        ++detail_candles_;
        detail.advance();
      }
    }
    const market::Candle* peeked = feeds_[i].candles->peek();
    if (peeked == nullptr || peeked->close_time(infos_[i].timeframe) != close) continue;
    closing_.emplace_back(i, *peeked);
    feeds_[i].candles->advance();
    if (!feeds_[i].detail) {
      SIGTRADER_RETURN_IF_ERROR(
          exchange_->on_candle(handles_[i], closing_.back().second, infos_[i].timeframe));
    }
  }
  for (std::size_t i = 0; i < feeds_.size(); ++i) {
    const std::vector<market::FundingRate>& funding = feeds_[i].funding;
    std::size_t& next = next_funding_[i];
    while (next < funding.size() && funding[next].ts <= close) {
      if (funding[next].ts >= first_open_) {
        SIGTRADER_RETURN_IF_ERROR(exchange_->on_funding_rate(infos_[i].instrument.symbol,
                                                             funding[next].ts, funding[next].rate));
      }
      ++next;
    }
  }
  if (closing_.empty()) return {};
  for (const auto& [market, candle] : closing_) {
    kernel_->on_candle(market, candle);
    ++candles_;
    ++outcome.candles;
  }
  last_close_ = close;
  return {};
}

core::Status SimSession::finish(bool close_positions) {
  // Due at the last close: after its candles. Anything later has no data to act on.
  if (last_close_) {
    StepOutcome outcome;
    for (auto due = next_signal_due(); due && *due <= *last_close_; due = next_signal_due()) {
      deliver_signals_at(*due, outcome);
    }
  }
  if (close_positions) SIGTRADER_RETURN_IF_ERROR(kernel_->close_at_end(fee_rate_));
  kernel_->stop();
  return {};
}

}  // namespace sigtrader::engine
