#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

// Plain rows of the tables the Store reads and writes (schema: schema_history.cpp). An `id` is the
// row's primary key, assigned by the store on insert and ignored when the row is inserted.
namespace sigtrader::storage {

struct MessageRowTag {};
struct MessageVersionRowTag {};
struct SignalRowTag {};
struct OrderRowTag {};
struct FillRowTag {};
struct RiskEventRowTag {};
struct AccountSnapshotRowTag {};
struct AiDecisionRowTag {};
struct LabelRowTag {};
struct PaperSessionRowTag {};
struct ApiKeyRowTag {};
struct OperatorCommandRowTag {};
struct BacktestRowTag {};

// Row ids, typed so that a fill's id cannot be passed where an order's is expected. They differ
// from the source's own ids: core::MessageId is a post's id within its channel, MessageRowId is
// the row that stores it.
using MessageRowId = core::NumericId<MessageRowTag>;
using MessageVersionRowId = core::NumericId<MessageVersionRowTag>;
using SignalRowId = core::NumericId<SignalRowTag>;
using OrderRowId = core::NumericId<OrderRowTag>;
using FillRowId = core::NumericId<FillRowTag>;
using RiskEventRowId = core::NumericId<RiskEventRowTag>;
using AccountSnapshotRowId = core::NumericId<AccountSnapshotRowTag>;
using AiDecisionRowId = core::NumericId<AiDecisionRowTag>;
using LabelRowId = core::NumericId<LabelRowTag>;
using PaperSessionId = core::NumericId<PaperSessionRowTag>;
using ApiKeyRowId = core::NumericId<ApiKeyRowTag>;
using OperatorCommandId = core::NumericId<OperatorCommandRowTag>;
using BacktestRowId = core::NumericId<BacktestRowTag>;

// The outcome of an idempotent insert: the row's id, and whether this call created it (false:
// an equal key was already stored and nothing was written).
template <typename Id>
struct Inserted {
  Id id;
  bool is_new = false;
};

// A table and how many rows it holds (`sigtrader db status`).
struct TableInfo {
  std::string name;
  std::int64_t rows = 0;
};

struct UserRow {
  core::UserId id;
  std::string name;  // unique
  core::Timestamp created_at;
  std::string role = "trader";  // admin | trader | viewer (schema version 8)
};

// A signal source.
struct ChannelRow {
  core::ChannelId id;  // "telegram:-1001234567890"
  std::string source;  // telegram | webhook | file
  std::string title;
  core::Timestamp created_at;
  core::Timestamp updated_at;
};

// A post as received; (channel_id, message_id) is unique.
struct MessageRow {
  MessageRowId id;
  core::ChannelId channel_id;
  core::MessageId message_id;  // the post's id within its channel
  core::Timestamp ts_event;    // posted
  core::Timestamp ts_init;     // received by sigtrader
  std::string text;
  std::optional<core::MessageId> reply_to;
  std::optional<std::string> raw_json;        // the source's payload
  std::optional<core::Timestamp> edited_at;   // when the stored text was last edited at the source
  std::optional<std::string> forwarded_from;  // the original author or channel of a forwarded post
};

// What insert_message() did: created the row, added a new version of an edited post, or nothing
// (the post was stored with this text already, or the offered text is not a newer edit).
struct InsertedMessage {
  MessageRowId id;
  bool is_new = false;          // the row was created
  bool is_new_version = false;  // an edit of a stored post: a new version was recorded
};

// One text of an edited post. Version 1 is the text as first stored; each later version starts at
// its ts_init (when the edit became known), so a replay at time t uses the last version whose
// ts_init <= t and an edit never leaks backwards.
struct MessageVersionRow {
  MessageVersionRowId id;
  MessageRowId message;
  int version = 1;
  std::string text;
  std::optional<core::Timestamp> edited_at;  // empty for the original text
  core::Timestamp ts_init;
};

// A classified post (or a webhook alert, which has no message).
struct SignalRow {
  SignalRowId id;
  std::optional<MessageRowId> message;
  core::ChannelId channel_id;
  core::Timestamp ts_event;
  core::Timestamp ts_init;
  std::string label;  // long | short | update | none
  double confidence = 0.0;
  std::string classifier;  // rules | fasttext | llm:<model> | ensemble
  std::optional<core::Symbol> symbol;
  std::optional<core::PositionSide> side;
  std::vector<core::Price> entries;
  std::vector<core::Price> targets;
  std::optional<core::Price> stop_loss;
  int leverage = 1;
  std::optional<core::TraceId> trace_id;
  // Added by schema version 5: which text of the message this reads, and what an update is.
  int version = 1;  // the message's version it was read from
  // target_hit | stop_hit | move_stop | close | cancel | reentry | entry_filled
  std::optional<std::string> update_kind = std::nullopt;
  std::optional<SignalRowId> refers_to = std::nullopt;  // an update's signal
  // How it was linked: reply | symbol | recent.
  std::optional<std::string> link_rule = std::nullopt;
  std::vector<std::string> warnings = {};  // the parser's, e.g. a stop on the wrong side
  bool entry_market = false;               // "market", "CMP", "now"
  std::optional<std::string> margin_mode = std::nullopt;  // cross | isolated
};

// What a channel posts, counted over the latest reading of each of its messages, and (once its
// signals are backtested) how they turned out. The risk engine weighs a channel's trust by it.
struct ChannelStatsRow {
  core::ChannelId channel_id;
  std::int64_t messages = 0;  // posts with a reading
  std::int64_t longs = 0;
  std::int64_t shorts = 0;
  std::int64_t updates = 0;
  std::int64_t nones = 0;
  std::int64_t linked_updates = 0;                  // updates linked to their signal
  std::optional<double> share_none = std::nullopt;  // nones / messages; empty without messages
  std::optional<core::Timestamp> first_ts = std::nullopt;  // the first and last post (ts_event)
  std::optional<core::Timestamp> last_ts = std::nullopt;
  core::Timestamp updated_at;
  // Outcomes of the channel's filled signals; empty until a channel backtest fills them
  // (`sigtrader backtest --signals ... --db`), kept when the counts above are refreshed.
  std::optional<std::int64_t> wins = std::nullopt;
  std::optional<std::int64_t> losses = std::nullopt;
  std::optional<double> win_rate = std::nullopt;
  std::optional<double> avg_r = std::nullopt;
  std::optional<double> avg_win_r = std::nullopt;
  std::optional<double> expectancy = std::nullopt;  // mean PnL per filled signal, quote asset
  std::optional<core::Timestamp> outcomes_at = std::nullopt;
};

// A signals row with the post ids a SignalEvent carries: the message id (within its channel) of
// the post it reads, and of the post of the signal an update refers to.
struct SignalWithPost {
  SignalRow signal;
  std::optional<core::MessageId> message_id;  // empty for a signal without a message
  std::optional<core::MessageId> refers_to_message_id;
};

// One text of a post as it became visible, for replays: version 1 is the text first stored (the
// only one of a post never edited), each later version an edit, visible from its ts_init on.
struct PostVersionRow {
  MessageRowId message;
  core::ChannelId channel_id;
  core::MessageId message_id;
  std::optional<core::MessageId> reply_to;
  core::Timestamp ts_event;  // posted
  core::Timestamp ts_init;   // when this version became visible
  int version = 1;
  std::string text;
  std::optional<core::Timestamp> edited_at;
};

// Where a replay stopped: versions after (ts_init, message, version) come next.
struct PostVersionCursor {
  core::Timestamp ts_init;
  MessageRowId message;
  int version = 0;
};

// An order, from before it is sent to its last state.
struct OrderRow {
  OrderRowId id;
  core::ClientOrderId client_order_id;  // unique: a retry never stores (or sends) it twice
  core::UserId user_id;
  std::string venue;  // binance | bybit | bingx | sim
  core::Symbol symbol;
  core::OrderSide side = core::OrderSide::kBuy;
  core::OrderType type = core::OrderType::kMarket;
  core::TimeInForce time_in_force = core::TimeInForce::kGtc;
  core::OrderStatus status = core::OrderStatus::kNew;
  core::Quantity quantity;
  std::optional<core::Price> price;          // limit price
  std::optional<core::Price> trigger_price;  // stop / take-profit trigger
  core::Quantity filled_quantity;
  std::optional<core::Price> average_price;
  bool reduce_only = false;
  std::optional<core::VenueOrderId> venue_order_id;
  std::optional<SignalRowId> signal_id;
  std::optional<core::StrategyId> strategy_id;
  std::optional<core::TraceId> trace_id;
  std::string reason;  // why it was rejected, canceled or expired
  core::Timestamp created_at;
  core::Timestamp updated_at;
};

// What changes when an order moves through its lifecycle. Fields left empty keep their value.
struct OrderUpdate {
  core::OrderStatus status = core::OrderStatus::kNew;
  core::Quantity filled_quantity;
  std::optional<core::Price> average_price;
  std::optional<core::VenueOrderId> venue_order_id;
  std::optional<std::string> reason;
  core::Timestamp updated_at;
};

// One execution of an order; (order_id, trade_id) is unique.
struct FillRow {
  FillRowId id;
  OrderRowId order_id;
  core::TradeId trade_id;
  core::Price price;
  core::Quantity quantity;
  core::Money fee;
  std::string fee_asset;
  bool maker = false;
  core::Timestamp ts_event;
  core::Timestamp ts_init;
};

// A risk decision or state change.
struct RiskEventRow {
  RiskEventRowId id;
  core::UserId user_id;
  core::Timestamp ts;
  std::string kind;  // decision_rejected | decision_resized | breaker_opened | ...
  std::optional<core::Symbol> symbol;
  std::optional<core::ClientOrderId> client_order_id;
  std::string reason;
  std::string details_json = "{}";
};

// A post named by its channel and its id there.
struct PostKey {
  core::ChannelId channel;
  core::MessageId message;
  friend auto operator<=>(const PostKey&, const PostKey&) = default;
};

// The latest risk decision on a post.
struct PostDecision {
  PostKey post;
  RiskEventRow decision;
};

// A user's account at one venue at one instant.
struct AccountSnapshotRow {
  AccountSnapshotRowId id;
  core::UserId user_id;
  std::string venue;
  core::Timestamp ts;
  std::string currency;  // the quote currency equity is counted in: "USDT"
  core::Money equity;
  core::Money balance;
  core::Money unrealized_pnl;
  core::Money margin_used;
  std::string balances_json = "{}";  // per-asset balances as the venue reported them
};

// What a model or LLM was asked and what it decided.
struct AiDecisionRow {
  AiDecisionRowId id;
  std::optional<core::UserId> user_id;
  std::optional<SignalRowId> signal_id;
  std::optional<core::TraceId> trace_id;
  core::Timestamp ts;
  std::string kind;   // classify | trade | sentiment | command
  std::string model;  // provider/model/version
  std::string decision;
  std::optional<double> confidence;
  core::Duration latency;
  std::string input_json = "{}";
  std::string output_json = "{}";
};

// A training label of one message by one labeler (a person, 'rules', 'llm:<model>'); a labeler
// labels a message at most once.
struct LabelRow {
  LabelRowId id;
  MessageRowId message;
  std::string labeler;
  std::string label;                 // long | short | update | none
  std::string entities_json = "{}";  // the fields with their spans (signals/entities_json.hpp)
  core::Timestamp created_at;
};

// A label with the message it labels, for training exports.
struct LabeledMessage {
  LabelRow label;
  MessageRow message;
};

// Which stored messages unlabeled_messages() returns: those the labeler has not labeled yet, with
// an id after `after`, by id.
struct UnlabeledQuery {
  std::string labeler{};
  std::optional<core::ChannelId> channel{};  // only this channel's messages
  // Only texts containing this fragment (ASCII letters match in any case); empty: any text.
  std::string containing{};
  MessageRowId after{};  // ids greater than this; the default (0) starts at the first message
  std::size_t limit = 100;
};

// A paper run and how far it got (`sigtrader run --mode paper`). Status: running (a process works
// on it, or one died while it did), stopped (stopped cleanly; resumable), finished (its data ran
// out), failed, abandoned (replaced by a new session of the same name).
struct PaperSessionRow {
  PaperSessionId id;
  core::UserId user_id;
  std::string name;
  std::string setup_hash;
  std::string status = "running";
  core::Timestamp created_at;
  core::Timestamp updated_at;
  std::optional<core::Timestamp> checkpoint;  // the last simulated instant processed
  std::int64_t steps = 0;
  SignalRowId signal_cursor;  // signals rows with ids up to this one have been considered
  std::string state_json = "{}";
};

// What a paper session writes after each step, together with that step's orders and fills.
struct PaperCheckpoint {
  core::Timestamp instant;
  std::int64_t steps = 0;
  std::string state_json = "{}";
  core::Timestamp updated_at;
};

// A signal a paper session scheduled: the sequence-th, delivered at due_at (simulated time),
// scheduled once the session had processed after_step steps.
struct PaperSignalRow {
  std::int64_t sequence = 0;
  SignalRowId signal;
  core::Timestamp due_at;
  std::int64_t after_step = 0;
};

// An HTTP API key (schema version 2): the public prefix finds the row, only a hash of the whole
// key is stored.
struct ApiKeyRow {
  ApiKeyRowId id;
  core::UserId user_id;
  std::string prefix;    // unique, shown in listings ("sgt_3f9a1c2b")
  std::string key_hash;  // hex SHA-256 of the whole key
  std::string scopes = "read";
  core::Timestamp created_at;
  std::optional<core::Timestamp> last_used_at = std::nullopt;
  std::optional<core::Timestamp> revoked_at = std::nullopt;
};

// Something a person asked the running engine to do (HTTP API, Telegram): cancel an order, close
// a position, switch the risk policy, resume the breaker, approve or reject a queued signal. The
// engine takes pending ones before a step and records when (which step of which paper session) it
// applied them, so that a replay applies them at the same point.
struct OperatorCommandRow {
  OperatorCommandId id;
  core::UserId user_id;
  std::string
      kind;  // cancel_order | close_position | set_policy | resume_breaker | approve | reject
  std::string args_json = "{}";
  std::string who;                 // the user name or key prefix that asked
  std::string status = "pending";  // pending | applied | failed
  std::string result;              // what applying it did, or why it failed
  core::Timestamp created_at;      // wall clock
  std::optional<core::Timestamp> applied_at = std::nullopt;  // wall clock
  std::optional<PaperSessionId> session = std::nullopt;      // the paper session that applied it
  std::optional<std::int64_t> step = std::nullopt;  // applied before this step of that session
};

// Which orders a listing returns, newest first.
struct OrderQuery {
  core::UserId user;
  std::optional<std::string> client_prefix = std::nullopt;  // a paper session's "p<id>-"
  bool open_only = false;                                   // new, accepted, partially filled
  std::size_t limit = 100;
};

// How many orders have one status.
struct OrderStatusCount {
  core::OrderStatus status = core::OrderStatus::kNew;
  std::int64_t orders = 0;
};

// A fill with the order it belongs to.
struct FillWithOrder {
  FillRow fill;
  core::ClientOrderId client_order_id;
  core::Symbol symbol;
  core::OrderSide side = core::OrderSide::kBuy;
};

// Which signals a listing returns, newest first (by id).
struct SignalQuery {
  std::optional<core::ChannelId> channel = std::nullopt;
  std::optional<std::string> label = std::nullopt;
  std::optional<core::Timestamp> from = std::nullopt;  // ts_init >= from
  std::optional<core::Timestamp> to = std::nullopt;    // ts_init < to
  std::optional<SignalRowId> before = std::nullopt;    // id < before (paging)
  std::size_t limit = 100;
};

// A signal with the post it was read from (text empty for a signal without a message).
struct SignalListing {
  SignalRow signal;
  std::optional<core::MessageId> message_id;
  std::string text;
};

// A backtest run from the API or CLI (schema version 3).
struct BacktestRow {
  BacktestRowId id;
  std::optional<core::UserId> user_id;
  std::string name;
  std::string status = "running";  // running | finished | failed
  std::int64_t seed = 0;
  std::string config_toml;
  core::Timestamp started_at;
  std::optional<core::Timestamp> finished_at = std::nullopt;
  std::string metrics_json = "{}";
  std::optional<std::string> report_path = std::nullopt;  // the report JSON on disk
};

}  // namespace sigtrader::storage
