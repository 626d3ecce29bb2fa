#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "bus/message_bus.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/guarded_strategy.hpp"
#include "engine/pacer.hpp"
#include "engine/risk_gate.hpp"
#include "engine/sim_session.hpp"
#include "market/candle.hpp"
#include "market/funding_rates.hpp"
#include "risk/risk_engine.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine {

class PaperJournal;  // paper_journal.hpp

// The replayed market data of one market (in config order). The spans must outlive the session.
struct PaperMarketData {
  std::span<const market::Candle> candles;
  core::Duration timeframe;
  std::span<const market::Candle> detail;  // empty: match the strategy's candles
  core::Duration detail_timeframe;
  std::vector<market::FundingRate> funding;
};

struct PaperSessionOptions {
  // Sessions are found again by user and name.
  core::UserId user;
  std::string name = "default";
  // Start afresh even when an unfinished session of this name exists (it is marked abandoned; its
  // rows stay in the database).
  bool new_session = false;
  // A signal is due at its ts_init plus this.
  core::Duration classification_latency;
  // Stamps created_at/updated_at of the session row; the simulated clock stamps everything else.
  const core::Clock* wall_clock = nullptr;  // nullptr: a LiveClock
  // The signal follower trades through a risk engine with these limits (make_guarded_strategy);
  // every decision and breaker transition becomes a risk_events row in the step's transaction.
  // Both are part of the setup: a session resumes only with the same ones.
  std::optional<risk::RiskEngineConfig> risk = std::nullopt;
  RiskGateOptions gate = {};
};

// The risk engine's state as an operator sees it (PaperStatus, the checkpoint's state_json).
struct PaperRiskStatus {
  std::string policy;              // conservative | moderate | aggressive
  std::string breaker = "closed";  // open | closed
  std::string breaker_reason;      // why it opened; empty while closed
  std::optional<core::Timestamp> breaker_since = std::nullopt;      // when it opened
  std::optional<core::Timestamp> breaker_closes_at = std::nullopt;  // when its cooldown ends
};

// What the status line shows.
struct PaperStatus {
  std::optional<core::Timestamp> instant;  // the last simulated instant processed
  std::int64_t steps = 0;
  core::Money equity;
  core::Money cash;
  std::string quote_asset;
  std::size_t open_positions = 0;
  std::size_t open_orders = 0;
  std::size_t orders_sent = 0;
  std::size_t fills = 0;
  std::size_t signals_delivered = 0;
  std::size_t signals_pending = 0;
  std::optional<PaperRiskStatus> risk = std::nullopt;  // empty without a risk setup
};

// A paper run (`sigtrader run --mode paper`, DESIGN.md §1): the backtest's SimSession advanced
// step by step in (paced) real time, with its state in the store so that a stopped or crashed
// run resumes where it was.
//
// Persistence. Every step (one simulated instant: a candle close or a signal delivery) is written
// in one transaction: the orders it created (insert_order, under client order ids
// "p<session>-<first open ms>-<n>", liquidations "p<session>-liq-<n>"), their updates, their
// fills (idempotent by trade id), an account snapshot (venue "sim:p<session>") and the session's
// checkpoint (the instant, the step count and the positions). Rows carry simulated times.
//
// Signals come from the store's signals rows (what `sigtrader import` and the command's signal
// files and import folder stored): poll_signals() reads the rows added since the last look
// (label long, short or update) and schedules each at ts_init + classification latency, or at
// the current instant when that has passed (a post learned of late is acted on when it arrives,
// never back-dated); signals due before the data begins are dropped. Every scheduled signal is
// journaled (paper_session_signals: its row, its due instant and the step count when it was
// scheduled) before it can be delivered.
//
// Operator commands. apply_commands() takes the user's pending operator_commands rows (from the
// API or Telegram) and applies them at the current simulated instant, before the next step:
//   cancel_order {"client_order_id"}    an open order of this session
//   close_position {"symbol"}           a reduce-only market order for the whole position, through
//                                       the signal follower (which cancels that signal's exits)
//   set_policy {"policy"}               the risk engine's policy (conservative|moderate|aggressive)
//   resume_breaker {}                   the risk engine's breaker ("already closed" when it is)
//   approve / reject {"approval_id"}    a signal waiting for a person's approval
// with the command's `who` as the person. A command refused before it changed anything (bad
// arguments, an unknown order, no position, no risk setup) is recorded failed with the reason;
// one that changed the session's state is recorded applied with what it did, even when that
// includes a refusal (an approval the risk engine then refuses has still left its queue). The
// outcomes, with the session id and the step count at the time (the command came before step
// `step` + 1), are written in one transaction with the orders, fills and risk events the commands
// caused, an account snapshot and a new checkpoint (same step count, new state): the store never
// holds an outcome without its effects, the paper_sessions row shows a new policy at once, and a
// crash before the commit leaves the commands pending, to be applied at the same point once the
// session has resumed.
//
// Restart by deterministic replay. open() finds the session's unfinished row by user and name.
// A session whose setup fingerprint (config, instruments, fees, strategy, every candle) differs is
// refused at once. Otherwise the same inputs are run again at full speed up to the stored step
// count, without writing: the journaled signals are scheduled after the same steps as before, the
// applied operator commands (a failed one changed nothing) are applied again before the same
// steps with the same outcomes, and since order ids, venue ids and trade ids come from counters
// the replay recreates the kernel, strategy, exchange and portfolio exactly. The rebuilt state is
// then checked against the store: every order the replay created must be stored with the same
// fields, status and fill count, there must be no other order of the session, and the positions,
// counters, risk status and the last account snapshot must match (fields a checkpoint of an older
// sigtrader lacks are not compared). Any difference (a changed strategy, data or signal rows) is
// refused with a message naming it and suggesting --new-session. Replay is used rather than loading
// the state from the rows because the simulated exchange and the strategies hold state the rows do
// not carry (resting orders' activation, a trailing stop's best close, a signal follower's ladder);
// a replay rebuilds all of it with the code that made it, and the check proves it did.
class PaperSession {
 public:
  // Creates or resumes (see above) the session; `data` holds one entry per market of `config`.
  static core::Result<std::unique_ptr<PaperSession>> open(storage::Store& store,
                                                          const BacktestConfig& config,
                                                          std::vector<PaperMarketData> data,
                                                          PaperSessionOptions options);
  ~PaperSession();
  PaperSession(const PaperSession&) = delete;
  PaperSession& operator=(const PaperSession&) = delete;

  storage::PaperSessionId id() const { return row_.id; }
  const std::string& name() const { return row_.name; }
  // The user the session trades as (its orders, account and operator commands are this user's).
  core::UserId user_id() const { return row_.user_id; }
  // "p<id>": the session's client order ids start with "p<id>-".
  const std::string& order_prefix() const { return order_prefix_; }
  // True when open() resumed a stopped run; replayed_steps() steps were replayed.
  bool resumed() const { return resumed_; }
  std::int64_t replayed_steps() const { return replayed_steps_; }
  // The bus of the run, for an event log attached after open() (the replay publishes nothing to
  // it then).
  bus::MessageBus& bus() { return sim_->bus(); }
  const SimSession& sim() const { return *sim_; }
  // The strategy being run when it is the signal follower (a summary reads its outcomes); else
  // null.
  const strategy::SignalFollower* follower() const { return strategy_.follower; }

  // Reads the signals rows stored since the last look and schedules (and journals) the new ones;
  // returns how many were scheduled.
  core::Result<std::size_t> poll_signals();
  // Applies the user's pending operator commands (see above) and stores their outcomes; returns
  // how many were taken (applied or failed).
  core::Result<std::size_t> apply_commands();
  // The simulated instant of the next step; empty once the data has run out.
  std::optional<core::Timestamp> next_time() { return sim_->next_time(); }
  // Processes one instant and writes what it changed, with the checkpoint, in one transaction.
  core::Result<StepOutcome> step();
  // Marks the session stopped (resumable); the last step is already stored.
  core::Status stop();
  // After the data ran out: delivers the signals due at the last close, stores what that did and
  // marks the session finished. Open positions stay open (a paper account is not closed).
  core::Status finish();

  PaperStatus status() const;
  // The risk engine's policy and breaker; empty without a risk setup.
  std::optional<PaperRiskStatus> risk_status() const;

 private:
  // What applying one operator command did: applied (the session's state changed) or failed
  // (refused before anything changed), and the words for the command's result.
  struct CommandOutcome {
    bool applied = false;
    std::string result;
  };

  PaperSession(storage::Store& store, const BacktestConfig& config,
               std::vector<PaperMarketData> data, PaperSessionOptions options);
  core::Status start(const storage::PaperSessionRow& row, bool resume);
  core::Status replay(const storage::PaperSessionRow& stored);
  core::Status schedule_journaled(std::int64_t after_step);
  // During the replay: applies again the stored commands applied at `step`; a different outcome
  // is an error saying how.
  core::Status reapply_commands(std::int64_t step);
  CommandOutcome apply_command(const storage::OperatorCommandRow& command);
  CommandOutcome cancel_order(const boost::json::object& args);
  CommandOutcome close_position(const boost::json::object& args);
  CommandOutcome set_policy(const boost::json::object& args, std::string_view who);
  CommandOutcome resume_breaker(std::string_view who);
  CommandOutcome answer_approval(const boost::json::object& args, bool approve,
                                 std::string_view who);
  // The positions (marked at the last close), counters and risk status stored with each
  // checkpoint; deterministic, as the replay compares it.
  std::string state_json() const;
  storage::AccountSnapshotRow snapshot() const;
  core::Status write_step(core::Timestamp instant);
  // The outcomes of `commands` with what they changed and, after the first step, a checkpoint.
  core::Status write_commands(const std::vector<storage::OperatorCommandRow>& commands);
  // Inside a transaction: the changed orders and fills, the risk events, an account snapshot and
  // the checkpoint at `instant`.
  core::Status write_state(core::Timestamp instant);
  // The risk engine's decisions and transitions since the last step, as risk_events rows.
  core::Status write_risk_events();
  core::Timestamp wall_now() const { return wall_clock_->now(); }

  storage::Store& store_;
  BacktestConfig config_;
  std::vector<PaperMarketData> data_;
  PaperSessionOptions options_;
  std::unique_ptr<core::Clock> owned_wall_clock_;
  const core::Clock* wall_clock_;
  storage::PaperSessionRow row_;
  std::string order_prefix_;
  GuardedStrategy strategy_;
  std::unique_ptr<SimSession> sim_;
  std::unique_ptr<PaperJournal> journal_;
  std::int64_t steps_ = 0;
  std::int64_t next_sequence_ = 0;
  // Journaled signals waiting to be scheduled during a replay, by sequence.
  std::vector<storage::PaperSignalRow> to_replay_;
  std::size_t next_to_replay_ = 0;
  // Applied commands waiting to be applied again during a replay, by step then id.
  std::vector<storage::OperatorCommandRow> commands_to_replay_;
  std::size_t next_command_to_replay_ = 0;
  bool resumed_ = false;
  std::int64_t replayed_steps_ = 0;
  bool broken_ = false;  // a write failed: the store is behind the run, so it must not go on
};

// Fingerprint of a paper setup: the config as the backtest report echoes it, the period and
// history, every candle and funding rate of every market, and the risk setup. A resumed session
// must match it.
// `risk`: the risk setup as text (risk_setup_text), empty without one.
std::string paper_setup_hash(const BacktestConfig& config, const std::vector<PaperMarketData>& data,
                             std::string_view risk = {});

// How run_paper() ends.
enum class PaperRunEnd { kFinished, kStopped, kStepLimit };

struct PaperRunOptions {
  Pacer* pacer = nullptr;                   // nullptr: unpaced
  const std::atomic<bool>* stop = nullptr;  // set (e.g. from SIGTERM) to stop after this step
  std::optional<std::int64_t> max_steps;    // stop (resumable) after this many steps of this run
  // How often to look for new signals (wall time, through `wall_clock`); 0: before every step.
  core::Duration poll_interval;
  const core::Clock* wall_clock = nullptr;  // nullptr: a LiveClock
  // Called before each look for signals (the command imports new files of its import folder).
  std::function<core::Status()> before_poll;
  // Called every `status_every` steps and at the end.
  std::function<void(const PaperStatus&)> on_status;
  std::int64_t status_every = 100;
  // Called once the instant `next` is due (after the wait), just before it is processed: what
  // arrived by then is stored here (the demo's posts of the time up to `next`). The signals it
  // stored are looked for at once, and one due before `next` is processed first.
  std::function<core::Status(core::Timestamp next)> before_step;
  // Called after every step (a live view of the run).
  std::function<void(const PaperStatus&)> after_step;
};

// Runs the session until its data ends (finish()), a stop is requested or max_steps (stop()):
// before each step it waits for the pacer, looking for new signals every poll_interval meanwhile,
// then applies the operator commands queued so far (apply_commands()).
core::Result<PaperRunEnd> run_paper(PaperSession& session, const PaperRunOptions& options);

}  // namespace sigtrader::engine
