#include "engine/paper_session.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "engine/backtest_report_json.hpp"
#include "engine/paper_journal.hpp"
#include "engine/paper_names.hpp"
#include "strategy/registry.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t kSignalPage = 500;

// 64-bit FNV-1a: a change detector for the setup, not a security measure.
class Fingerprint {
 public:
  void add(std::string_view bytes) {
    for (const char c : bytes) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
    add_separator();
  }
  void add(std::int64_t value) { add(std::string_view(fmt::format("{}", value))); }
  void add_candles(std::span<const market::Candle> candles, core::Duration timeframe) {
    add(timeframe.count_ns());
    add(static_cast<std::int64_t>(candles.size()));
    for (const market::Candle& candle : candles) {
      add(fmt::format("{} {} {} {} {} {}", candle.open_time.ns(), candle.open.to_string(),
                      candle.high.to_string(), candle.low.to_string(), candle.close.to_string(),
                      candle.volume.to_string()));
    }
  }
  std::string hex() const { return fmt::format("fnv1a64:{:016x}", hash_); }

 private:
  void add_separator() {
    hash_ ^= 0xffU;
    hash_ *= 0x100000001b3ULL;
  }
  std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

bool is_tradable(const storage::SignalRow& signal) {
  return signal.label == "long" || signal.label == "short" || signal.label == "update";
}

bus::SignalEvent to_event(const storage::SignalWithPost& stored) {
  const storage::SignalRow& row = stored.signal;
  bus::SignalEvent event;
  event.header.ts_event = row.ts_event;
  event.header.ts_init = row.ts_init;
  if (row.trace_id) event.header.trace_id = *row.trace_id;
  event.channel = row.channel_id;
  event.message_id = stored.message_id.value_or(core::MessageId());
  event.label = row.label;
  event.confidence = row.confidence;
  event.symbol = row.symbol;
  event.side = row.side;
  event.entries = row.entries;
  event.targets = row.targets;
  event.stop_loss = row.stop_loss;
  event.leverage = row.leverage;
  event.version = row.version;
  event.update_kind = row.update_kind;
  event.refers_to = stored.refers_to_message_id;
  event.link_rule = row.link_rule;
  return event;
}

}  // namespace

std::string paper_setup_hash(const BacktestConfig& config, const std::vector<PaperMarketData>& data,
                             std::string_view risk) {
  Fingerprint fingerprint;
  fingerprint.add(std::string(risk));
  fingerprint.add(boost::json::serialize(backtest_config_json(config)));
  fingerprint.add(static_cast<std::int64_t>(config.history_length));
  for (const PaperMarketData& market : data) {
    fingerprint.add_candles(market.candles, market.timeframe);
    fingerprint.add_candles(market.detail, market.detail_timeframe);
    for (const market::FundingRate& rate : market.funding) {
      fingerprint.add(fmt::format("{} {}", rate.ts.ns(), rate.rate.to_string()));
    }
  }
  return fingerprint.hex();
}

PaperSession::PaperSession(storage::Store& store, const BacktestConfig& config,
                           std::vector<PaperMarketData> data, PaperSessionOptions options)
    : store_(store),
      config_(config),
      data_(std::move(data)),
      options_(std::move(options)),
      wall_clock_(options_.wall_clock) {
  if (wall_clock_ == nullptr) {
    owned_wall_clock_ = std::make_unique<core::LiveClock>();
    wall_clock_ = owned_wall_clock_.get();
  }
}

PaperSession::~PaperSession() {
  // The journal unsubscribes from the session's bus, so it goes first.
  journal_.reset();
  sim_.reset();
}

core::Result<std::unique_ptr<PaperSession>> PaperSession::open(storage::Store& store,
                                                               const BacktestConfig& config,
                                                               std::vector<PaperMarketData> data,
                                                               PaperSessionOptions options) {
  if (data.size() != config.markets.size()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("{} markets configured but data for {} given", config.markets.size(),
                             data.size()));
  }
  std::unique_ptr<PaperSession> session(
      new PaperSession(store, config, std::move(data), std::move(options)));
  const PaperSessionOptions& opts = session->options_;
  const std::string hash =
      paper_setup_hash(session->config_, session->data_,
                       opts.risk ? risk_setup_text(*opts.risk, opts.gate) : std::string());
  const core::Timestamp now = session->wall_now();

  auto existing = store.find_resumable_paper_session(opts.user, opts.name);
  if (!existing.ok() && existing.error().code() != ErrorCode::kNotFound) return existing.error();
  if (existing.ok() && opts.new_session) {
    SIGTRADER_RETURN_IF_ERROR(store.set_paper_session_status(existing->id, "abandoned", now));
  } else if (existing.ok()) {
    if (existing->setup_hash != hash) {
      return Error(
          ErrorCode::kRejected,
          fmt::format("paper session '{}' (id {}, {} at {}) was started with another setup: the "
                      "markets, data files, simulated exchange or strategy settings of {} differ "
                      "from it. Restore them to resume it, or start a new session with "
                      "--new-session (the old session's rows stay in the database)",
                      existing->name, existing->id.value(), existing->status,
                      existing->checkpoint ? existing->checkpoint->to_iso8601() : "its start",
                      config.source.empty() ? std::string("the setup") : config.source));
    }
    SIGTRADER_RETURN_IF_ERROR(session->start(*existing, true));
    return session;
  }
  storage::PaperSessionRow row;
  row.user_id = opts.user;
  row.name = opts.name;
  row.setup_hash = hash;
  row.status = "running";
  row.created_at = now;
  row.updated_at = now;
  SIGTRADER_TRY(row.id, store.create_paper_session(row));
  SIGTRADER_RETURN_IF_ERROR(session->start(row, false));
  return session;
}

core::Status PaperSession::start(const storage::PaperSessionRow& row, bool resume) {
  row_ = row;
  order_prefix_ = paper_order_prefix(row_.id);
  SIGTRADER_TRY(strategy_, make_guarded_strategy(config_, options_.risk, options_.gate, nullptr));
  std::vector<MarketFeed> feeds;
  for (const PaperMarketData& market : data_) {
    MarketFeed feed;
    feed.candles = std::make_unique<market::SpanCandleSource>(market.candles, market.timeframe,
                                                              config_.from, config_.to);
    if (!market.detail.empty()) {
      feed.detail = std::make_unique<market::SpanCandleSource>(
          market.detail, market.detail_timeframe, config_.from, config_.to);
    }
    feed.funding = market.funding;
    feeds.push_back(std::move(feed));
  }
  SIGTRADER_TRY(sim_,
                SimSession::open(config_, *strategy_.strategy, std::move(feeds),
                                 SimSessionOptions{
                                     .order_id_prefix = order_prefix_,
                                     .liquidation_id_prefix = order_prefix_ + "-liq",
                                     .record_decisions = false,
                                     .classification_latency = options_.classification_latency,
                                 }));
  journal_ = std::make_unique<PaperJournal>(sim_->bus(), sim_->orders(), row_.user_id,
                                            config_.strategy_name);
  sim_->start();
  if (resume) SIGTRADER_RETURN_IF_ERROR(replay(row));
  row_.status = "running";
  return store_.set_paper_session_status(row_.id, "running", wall_now());
}

core::Status PaperSession::schedule_journaled(std::int64_t after_step) {
  for (;
       next_to_replay_ < to_replay_.size() && to_replay_[next_to_replay_].after_step <= after_step;
       ++next_to_replay_) {
    const storage::PaperSignalRow& journaled = to_replay_[next_to_replay_];
    SIGTRADER_TRY(const storage::SignalWithPost signal,
                  store_.find_signal_with_post(journaled.signal));
    sim_->add_signal(to_event(signal), journaled.due_at);
  }
  return {};
}

core::Result<std::size_t> PaperSession::poll_signals() {
  if (broken_) {
    return Error(ErrorCode::kStorage, "the paper session stopped after a failed write");
  }
  std::vector<storage::PaperSignalRow> journal;
  std::vector<std::pair<bus::SignalEvent, std::optional<core::Timestamp>>> events;
  storage::SignalRowId cursor = row_.signal_cursor;
  std::int64_t sequence = next_sequence_;
  for (;;) {
    SIGTRADER_TRY(const std::vector<storage::SignalWithPost> page,
                  store_.signals_after(cursor, kSignalPage));
    for (const storage::SignalWithPost& stored : page) {
      cursor = stored.signal.id;
      if (!is_tradable(stored.signal)) continue;
      bus::SignalEvent event = to_event(stored);
      core::Timestamp due = event.header.ts_init + options_.classification_latency;
      if (const auto last = sim_->last_instant(); last && due < *last) due = *last;
      if (due < sim_->first_open()) {
        events.emplace_back(std::move(event), std::nullopt);  // dropped and counted by the sim
        continue;
      }
      journal.push_back(storage::PaperSignalRow{
          .sequence = sequence++, .signal = stored.signal.id, .due_at = due, .after_step = steps_});
      events.emplace_back(std::move(event), due);
    }
    if (page.size() < kSignalPage) break;
  }
  if (cursor == row_.signal_cursor) return std::size_t{0};
  // Journaled before anything is scheduled: a signal is never delivered without its row.
  SIGTRADER_RETURN_IF_ERROR(store_.record_paper_signals(row_.id, journal, cursor));
  row_.signal_cursor = cursor;
  next_sequence_ = sequence;
  for (auto& [event, due] : events)
    sim_->add_signal(std::move(event), due);
  return journal.size();
}

core::Result<StepOutcome> PaperSession::step() {
  if (broken_) {
    return Error(ErrorCode::kStorage, "the paper session stopped after a failed write");
  }
  auto outcome = sim_->step();
  if (!outcome.ok()) {
    broken_ = true;
    (void)store_.set_paper_session_status(row_.id, "failed", wall_now());
    return outcome.error();
  }
  ++steps_;
  if (auto written = write_step(outcome->instant); !written.ok()) {
    broken_ = true;
    return written.error().with_context(
        fmt::format("storing step {} of paper session {}", steps_, row_.id.value()));
  }
  return outcome;
}

core::Status PaperSession::write_step(core::Timestamp instant) {
  return store_.in_transaction([&]() { return write_state(instant); });
}

core::Status PaperSession::write_state(core::Timestamp instant) {
  SIGTRADER_RETURN_IF_ERROR(journal_->write(store_));
  SIGTRADER_RETURN_IF_ERROR(write_risk_events());
  SIGTRADER_RETURN_IF_ERROR(store_.append_account_snapshot(snapshot()));
  return store_.checkpoint_paper_session(row_.id,
                                         storage::PaperCheckpoint{.instant = instant,
                                                                  .steps = steps_,
                                                                  .state_json = state_json(),
                                                                  .updated_at = wall_now()});
}

core::Status PaperSession::write_risk_events() {
  if (!strategy_.risk) return {};
  for (const bus::RiskEvent& event : strategy_.risk->take_events()) {
    boost::json::object details;
    for (const auto& [key, value] : event.details)
      details[key] = value;
    auto stored = store_.append_risk_event(storage::RiskEventRow{
        .id = {},
        .user_id = row_.user_id,
        .ts = event.header.ts_event,
        .kind = event.kind,
        .symbol = event.symbol,
        .client_order_id = std::nullopt,
        .reason = event.reason,
        .details_json = boost::json::serialize(details),
    });
    if (!stored.ok()) return stored.error();
    // Published once stored: the event log and the dashboard see what the database holds.
    sim_->bus().publish(event);
  }
  return {};
}

core::Status PaperSession::stop() {
  if (broken_) return {};
  row_.status = "stopped";
  return store_.set_paper_session_status(row_.id, "stopped", wall_now());
}

core::Status PaperSession::finish() {
  if (broken_) {
    return Error(ErrorCode::kStorage, "the paper session stopped after a failed write");
  }
  SIGTRADER_RETURN_IF_ERROR(sim_->finish(false));
  SIGTRADER_RETURN_IF_ERROR(write_step(sim_->last_instant().value_or(sim_->first_open())));
  row_.status = "finished";
  return store_.set_paper_session_status(row_.id, "finished", wall_now());
}

std::string PaperSession::state_json() const {
  boost::json::array positions;
  for (const auto& [symbol, position] : sim_->portfolio().positions()) {
    // Marked at the last close, as the account snapshot's unrealized PnL is; null before the
    // market's first candle.
    const std::optional<core::Price> mark = sim_->exchange().mark(symbol);
    positions.push_back(boost::json::object{
        {"symbol", symbol.to_string()},
        {"quantity", position.quantity().to_string()},
        {"average_entry", position.average_entry().to_string()},
        {"realized_pnl", position.realized_pnl().to_string()},
        {"fees", position.fees().to_string()},
        {"mark", mark ? boost::json::value(mark->to_string()) : boost::json::value(nullptr)},
        {"unrealized_pnl", mark ? boost::json::value(position.unrealized_pnl(*mark).to_string())
                                : boost::json::value(nullptr)},
    });
  }
  const Kernel& kernel = sim_->kernel();
  boost::json::object state{
      {"positions", std::move(positions)},
      {"orders_sent", kernel.orders_sent()},
      {"fills", journal_->fills()},
      {"candles", sim_->candles()},
      {"signals_delivered", sim_->signals_delivered()},
  };
  if (const std::optional<PaperRiskStatus> risk = risk_status()) {
    const auto instant = [](const std::optional<core::Timestamp>& at) {
      return at ? boost::json::value(at->to_iso8601()) : boost::json::value(nullptr);
    };
    // Signals waiting for a person, so that the API can show them and take the answer.
    boost::json::array approvals;
    for (const risk::PendingApproval& pending : strategy_.risk->pending_approvals()) {
      approvals.push_back(boost::json::object{
          {"id", pending.id.value()},
          {"symbol", pending.symbol.to_string()},
          {"side", core::to_string(pending.request.side)},
          {"channel", pending.request.channel.str()},
          {"confidence", pending.request.confidence},
          {"entry", pending.request.entry.to_string()},
          {"quantity", pending.quantity.to_string()},
          {"reason", pending.reason},
          {"queued_at", pending.queued_at.to_iso8601()},
          {"expires_at", pending.expires_at.to_iso8601()},
      });
    }
    state["risk"] = boost::json::object{
        {"policy", risk->policy},
        {"breaker", boost::json::object{{"state", risk->breaker},
                                        {"reason", risk->breaker_reason},
                                        {"since", instant(risk->breaker_since)},
                                        {"closes_at", instant(risk->breaker_closes_at)}}},
        {"approvals", std::move(approvals)},
    };
  }
  return boost::json::serialize(state);
}

std::optional<PaperRiskStatus> PaperSession::risk_status() const {
  if (!strategy_.risk) return std::nullopt;
  const risk::CircuitBreaker& breaker = strategy_.risk->breaker();
  PaperRiskStatus status;
  status.policy = std::string(risk::policy_name(strategy_.risk->policy()));
  status.breaker = breaker.is_open() ? "open" : "closed";
  status.breaker_reason = breaker.state().open_reason;
  status.breaker_since = breaker.state().open_since;
  status.breaker_closes_at = breaker.closes_at();
  return status;
}

storage::AccountSnapshotRow PaperSession::snapshot() const {
  const execution::Portfolio& portfolio = sim_->portfolio();
  storage::AccountSnapshotRow row;
  row.user_id = row_.user_id;
  row.venue = paper_venue(row_.id);
  row.ts = sim_->last_instant().value_or(sim_->first_open());
  row.currency = portfolio.quote_asset();
  row.equity = sim_->kernel().equity();
  row.balance = portfolio.cash();
  for (const auto& [symbol, position] : portfolio.positions()) {
    if (position.is_flat()) continue;
    if (const auto mark = sim_->exchange().mark(symbol)) {
      row.unrealized_pnl += position.unrealized_pnl(*mark);
    }
  }
  boost::json::object balances;
  for (const auto& [asset, amount] : portfolio.balances())
    balances[asset] = amount.to_string();
  row.balances_json = boost::json::serialize(balances);
  return row;
}

PaperStatus PaperSession::status() const {
  PaperStatus status;
  status.instant = sim_->last_instant();
  status.steps = steps_;
  status.equity = sim_->kernel().equity();
  status.cash = sim_->portfolio().cash();
  status.quote_asset = sim_->portfolio().quote_asset();
  status.open_positions = sim_->portfolio().open_positions();
  for (const strategy::MarketInfo& market : sim_->markets()) {
    status.open_orders += sim_->orders().open_orders(market.instrument.symbol).size();
  }
  status.orders_sent = sim_->kernel().orders_sent();
  status.fills = journal_->fills();
  status.signals_delivered = sim_->signals_delivered();
  status.signals_pending = sim_->signals_pending();
  status.risk = risk_status();
  return status;
}

core::Result<PaperRunEnd> run_paper(PaperSession& session, const PaperRunOptions& options) {
  UnpacedPacer unpaced;
  Pacer& pacer = options.pacer != nullptr ? *options.pacer : unpaced;
  core::LiveClock live;
  const core::Clock& wall = options.wall_clock != nullptr ? *options.wall_clock : live;
  // Whatever the pacer, a wait for signals is at least this long, so that a short poll interval
  // cannot turn the loop into a busy one.
  constexpr core::Duration kShortestWait = core::Duration::milliseconds(50);

  core::Timestamp last_poll = wall.now();
  const auto poll = [&]() -> core::Status {
    if (options.before_poll) SIGTRADER_RETURN_IF_ERROR(options.before_poll());
    SIGTRADER_RETURN_IF_ERROR(session.poll_signals());
    last_poll = wall.now();
    return {};
  };
  std::optional<std::int64_t> reported_steps;
  const auto report = [&] {
    if (!options.on_status) return;
    const PaperStatus status = session.status();
    if (reported_steps == status.steps) return;  // the same line twice says nothing new
    reported_steps = status.steps;
    options.on_status(status);
  };
  const auto stop_requested = [&] { return options.stop != nullptr && options.stop->load(); };

  SIGTRADER_RETURN_IF_ERROR(poll());
  pacer.begin(session.sim().last_instant().value_or(session.sim().first_open()));
  std::int64_t steps = 0;
  for (;;) {
    if (stop_requested() || (options.max_steps && steps >= *options.max_steps)) {
      SIGTRADER_RETURN_IF_ERROR(session.stop());
      report();
      return stop_requested() ? PaperRunEnd::kStopped : PaperRunEnd::kStepLimit;
    }
    const std::optional<core::Timestamp> next = session.next_time();
    if (!next) {
      SIGTRADER_RETURN_IF_ERROR(session.finish());
      report();
      return PaperRunEnd::kFinished;
    }
    const core::Duration until_poll = options.poll_interval - (wall.now() - last_poll);
    if (!pacer.wait_until(*next, std::max(until_poll, kShortestWait))) {
      if (!stop_requested()) {
        SIGTRADER_RETURN_IF_ERROR(poll());
        // A person's cancel or close should not wait for the next candle of a slow run. Applied
        // now, a command is recorded at the current step count, exactly where a replay applies
        // it again (before the next step, at the same simulated instant).
        SIGTRADER_RETURN_IF_ERROR(session.apply_commands());
      }
      continue;
    }
    if (options.before_step) {
      SIGTRADER_RETURN_IF_ERROR(options.before_step(*next));
      SIGTRADER_RETURN_IF_ERROR(poll());
      if (session.next_time() != next) continue;  // a signal it stored is due first
    }
    // Commands that came in while waiting are applied before the step, as signals are polled.
    SIGTRADER_RETURN_IF_ERROR(session.apply_commands());
    SIGTRADER_RETURN_IF_ERROR(session.step());
    ++steps;
    if (options.after_step) options.after_step(session.status());
    if (wall.now() - last_poll >= options.poll_interval) SIGTRADER_RETURN_IF_ERROR(poll());
    if (options.status_every > 0 && steps % options.status_every == 0) report();
  }
}

}  // namespace sigtrader::engine
