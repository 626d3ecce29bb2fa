// The schema of sigtrader.db, as the ordered migrations that build it (DESIGN.md section 6).
//
// Conventions: every table is STRICT; prices, quantities and money are TEXT holding the exact
// decimal string (never REAL); timestamps are INTEGER nanoseconds UTC; durations INTEGER ns;
// JSON payloads TEXT; symbols TEXT as 'BASE/QUOTE'; enums TEXT as core's to_string() spells them.
// Released migrations are never edited: append a new one.

#include <array>

#include "storage/migrations.hpp"

namespace sigtrader::storage {
namespace {

constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
) STRICT;

-- A signal source; id is the ChannelId, e.g. 'telegram:-1001234567890'.
CREATE TABLE channels (
  id          TEXT    PRIMARY KEY,
  source      TEXT    NOT NULL,               -- telegram | webhook | file
  title       TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  channel_id  TEXT    NOT NULL REFERENCES channels (id),
  message_id  INTEGER NOT NULL,               -- the post's id within its channel
  ts_event    INTEGER NOT NULL,               -- posted
  ts_init     INTEGER NOT NULL,               -- received by sigtrader
  text        TEXT    NOT NULL,
  reply_to    INTEGER,                        -- message_id of the post it answers
  raw_json    TEXT,                           -- the source's payload as received
  UNIQUE (channel_id, message_id)
) STRICT;
CREATE INDEX messages_by_channel_time ON messages (channel_id, ts_event);

-- A classified post (or webhook alert, which has no message).
CREATE TABLE signals (
  id          INTEGER PRIMARY KEY,
  message_id  INTEGER REFERENCES messages (id) ON DELETE CASCADE,
  channel_id  TEXT    NOT NULL REFERENCES channels (id),
  ts_event    INTEGER NOT NULL,
  ts_init     INTEGER NOT NULL,
  label       TEXT    NOT NULL,               -- long | short | update | none
  confidence  REAL    NOT NULL,
  classifier  TEXT    NOT NULL,               -- rules | fasttext | llm:<model> | ensemble
  symbol      TEXT,
  side        TEXT    CHECK (side IN ('long', 'short')),
  entries     TEXT    NOT NULL DEFAULT '[]',  -- JSON array of decimal strings
  targets     TEXT    NOT NULL DEFAULT '[]',  -- JSON array of decimal strings
  stop_loss   TEXT,
  leverage    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX signals_by_message ON signals (message_id);
CREATE INDEX signals_by_channel_time ON signals (channel_id, ts_init);
CREATE INDEX signals_by_symbol_time ON signals (symbol, ts_init);

-- Training labels for messages, one per labeler.
CREATE TABLE labels (
  id            INTEGER PRIMARY KEY,
  message_id    INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  labeler       TEXT    NOT NULL,             -- a user name, 'rules', 'llm:<model>'
  label         TEXT    NOT NULL,             -- long | short | update | none
  entities_json TEXT    NOT NULL DEFAULT '{}',
  created_at    INTEGER NOT NULL,
  UNIQUE (message_id, labeler)
) STRICT;
CREATE INDEX labels_by_label ON labels (label);
)sql";

constexpr std::string_view kVersion2 = R"sql(
-- Keys for the HTTP API: only a hash is stored; the public prefix finds the row.
CREATE TABLE api_keys (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  prefix        TEXT    NOT NULL UNIQUE,
  key_hash      TEXT    NOT NULL,
  scopes        TEXT    NOT NULL DEFAULT 'read',
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
) STRICT;
CREATE INDEX api_keys_by_user ON api_keys (user_id);

-- A user's account at an exchange; the credentials are encrypted (libsodium secretbox).
CREATE TABLE exchange_accounts (
  id                  INTEGER PRIMARY KEY,
  user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  venue               TEXT    NOT NULL,       -- binance | bybit | bingx | sim
  label               TEXT    NOT NULL DEFAULT 'main',
  testnet             INTEGER NOT NULL DEFAULT 0 CHECK (testnet IN (0, 1)),
  credentials_nonce   BLOB    NOT NULL,
  credentials_cipher  BLOB    NOT NULL,
  created_at          INTEGER NOT NULL,
  UNIQUE (user_id, venue, label)
) STRICT;

-- Every order, keyed by the client order id it got before it was sent (idempotent orders).
CREATE TABLE orders (
  id               INTEGER PRIMARY KEY,
  client_order_id  TEXT    NOT NULL UNIQUE,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  venue            TEXT    NOT NULL,
  symbol           TEXT    NOT NULL,
  side             TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
  type             TEXT    NOT NULL,          -- market | limit | stop_market | ...
  time_in_force    TEXT    NOT NULL DEFAULT 'gtc',
  status           TEXT    NOT NULL,          -- new | accepted | partially_filled | filled | ...
  quantity         TEXT    NOT NULL,
  price            TEXT,                      -- limit price
  trigger_price    TEXT,                      -- stop / take-profit trigger
  filled_quantity  TEXT    NOT NULL DEFAULT '0',
  average_price    TEXT,
  reduce_only      INTEGER NOT NULL DEFAULT 0 CHECK (reduce_only IN (0, 1)),
  venue_order_id   TEXT,
  signal_id        INTEGER REFERENCES signals (id) ON DELETE SET NULL,
  strategy_id      TEXT,
  reason           TEXT    NOT NULL DEFAULT '',  -- why it was rejected, canceled or expired
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX orders_by_user_status ON orders (user_id, status);
CREATE INDEX orders_by_symbol_time ON orders (symbol, created_at);
CREATE INDEX orders_by_venue_order ON orders (venue, venue_order_id);
CREATE INDEX orders_by_signal ON orders (signal_id);

-- Executions; an exchange trade id is unique within its order (both sides of a self-trade share
-- one), so a fill reported twice is stored once.
CREATE TABLE fills (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id),
  trade_id    TEXT    NOT NULL,
  price       TEXT    NOT NULL,
  quantity    TEXT    NOT NULL,
  fee         TEXT    NOT NULL DEFAULT '0',
  fee_asset   TEXT    NOT NULL DEFAULT '',
  maker       INTEGER NOT NULL DEFAULT 0 CHECK (maker IN (0, 1)),
  ts_event    INTEGER NOT NULL,
  ts_init     INTEGER NOT NULL,
  UNIQUE (order_id, trade_id)
) STRICT;
CREATE INDEX fills_by_time ON fills (ts_event);

-- Positions; quantity is signed (negative is short). Closed positions stay as history.
CREATE TABLE positions (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  venue          TEXT    NOT NULL,
  symbol         TEXT    NOT NULL,
  quantity       TEXT    NOT NULL,
  average_entry  TEXT    NOT NULL,
  realized_pnl   TEXT    NOT NULL DEFAULT '0',
  fees           TEXT    NOT NULL DEFAULT '0',
  opened_at      INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  closed_at      INTEGER
) STRICT;
-- At most one open position per user, venue and symbol (one-way position mode).
CREATE UNIQUE INDEX positions_one_open ON positions (user_id, venue, symbol)
  WHERE closed_at IS NULL;
CREATE INDEX positions_by_user_closed ON positions (user_id, closed_at);

-- Round trips: a position from open to close, with the signal and channel that caused it.
CREATE TABLE trades (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id),
  position_id   INTEGER REFERENCES positions (id),
  signal_id     INTEGER REFERENCES signals (id) ON DELETE SET NULL,
  channel_id    TEXT    REFERENCES channels (id),
  venue         TEXT    NOT NULL,
  symbol        TEXT    NOT NULL,
  side          TEXT    NOT NULL CHECK (side IN ('long', 'short')),
  quantity      TEXT    NOT NULL,
  entry_price   TEXT    NOT NULL,
  exit_price    TEXT    NOT NULL,
  realized_pnl  TEXT    NOT NULL,
  fees          TEXT    NOT NULL DEFAULT '0',
  opened_at     INTEGER NOT NULL,
  closed_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX trades_by_user_time ON trades (user_id, closed_at);
CREATE INDEX trades_by_channel_time ON trades (channel_id, closed_at);
CREATE INDEX trades_by_symbol_time ON trades (symbol, closed_at);
CREATE INDEX trades_by_signal ON trades (signal_id);

-- Equity over time, per user and venue.
CREATE TABLE account_snapshots (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  venue           TEXT    NOT NULL,
  ts              INTEGER NOT NULL,
  currency        TEXT    NOT NULL,
  equity          TEXT    NOT NULL,
  balance         TEXT    NOT NULL,
  unrealized_pnl  TEXT    NOT NULL DEFAULT '0',
  margin_used     TEXT    NOT NULL DEFAULT '0',
  balances_json   TEXT    NOT NULL DEFAULT '{}'  -- per-asset balances as reported
) STRICT;
CREATE INDEX account_snapshots_by_user_time ON account_snapshots (user_id, venue, ts);
)sql";

constexpr std::string_view kVersion3 = R"sql(
-- Risk decisions and state changes (denials, resizes, breaker trips), per user.
CREATE TABLE risk_events (
  id               INTEGER PRIMARY KEY,
  user_id          INTEGER NOT NULL REFERENCES users (id),
  ts               INTEGER NOT NULL,
  kind             TEXT    NOT NULL,          -- decision_rejected | breaker_opened | ...
  symbol           TEXT,
  client_order_id  TEXT,
  reason           TEXT    NOT NULL,
  details_json     TEXT    NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX risk_events_by_user_time ON risk_events (user_id, ts);
CREATE INDEX risk_events_by_kind_time ON risk_events (kind, ts);

-- What a model or LLM was asked and what it decided, for audit and evaluation.
CREATE TABLE ai_decisions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER REFERENCES users (id),
  signal_id    INTEGER REFERENCES signals (id) ON DELETE SET NULL,
  trace_id     TEXT,
  ts           INTEGER NOT NULL,
  kind         TEXT    NOT NULL,              -- classify | trade | sentiment | command
  model        TEXT    NOT NULL,              -- provider/model/version
  decision     TEXT    NOT NULL,
  confidence   REAL,
  latency_ns   INTEGER NOT NULL DEFAULT 0,
  input_json   TEXT    NOT NULL DEFAULT '{}',
  output_json  TEXT    NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX ai_decisions_by_time ON ai_decisions (ts);
CREATE INDEX ai_decisions_by_signal ON ai_decisions (signal_id);
CREATE INDEX ai_decisions_by_trace ON ai_decisions (trace_id);

CREATE TABLE backtests (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER REFERENCES users (id),
  name          TEXT    NOT NULL,
  status        TEXT    NOT NULL,             -- running | finished | failed
  seed          INTEGER NOT NULL,
  config_toml   TEXT    NOT NULL,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  metrics_json  TEXT    NOT NULL DEFAULT '{}',
  report_path   TEXT
) STRICT;
CREATE INDEX backtests_by_time ON backtests (started_at);

-- The model registry's index; artefacts live in models/{kind}/{name}/{version}/.
CREATE TABLE models (
  id            INTEGER PRIMARY KEY,
  kind          TEXT    NOT NULL,             -- fasttext | xgboost | llm
  name          TEXT    NOT NULL,
  version       TEXT    NOT NULL,
  path          TEXT    NOT NULL,
  metrics_json  TEXT    NOT NULL DEFAULT '{}',
  active        INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at    INTEGER NOT NULL,
  UNIQUE (kind, name, version)
) STRICT;
CREATE UNIQUE INDEX models_one_active ON models (kind, name) WHERE active = 1;

-- Trace ids follow one signal from its post through decisions and orders to fills.
ALTER TABLE signals ADD COLUMN trace_id TEXT;
ALTER TABLE orders ADD COLUMN trace_id TEXT;
CREATE INDEX orders_by_trace ON orders (trace_id);
)sql";

constexpr std::string_view kVersion4 = R"sql(
-- Edits: the row holds the newest text; every text of an edited post is a version.
ALTER TABLE messages ADD COLUMN edited_at INTEGER;      -- when the stored text was edited
ALTER TABLE messages ADD COLUMN forwarded_from TEXT;    -- original author of a forwarded post

-- Version 1 is the text as first stored; a version is visible from its ts_init on, so a replay
-- never sees an edit before it happened.
CREATE TABLE message_versions (
  id          INTEGER PRIMARY KEY,
  message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  text        TEXT    NOT NULL,
  edited_at   INTEGER,                        -- NULL for the original text
  ts_init     INTEGER NOT NULL,
  UNIQUE (message_id, version)
) STRICT;
)sql";

constexpr std::string_view kVersion5 = R"sql(
-- A signal row reads one version of its message; an edit adds a row for the new version.
ALTER TABLE signals ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE signals ADD COLUMN update_kind TEXT;        -- target_hit | stop_hit | move_stop | ...
ALTER TABLE signals ADD COLUMN refers_to INTEGER REFERENCES signals (id) ON DELETE SET NULL;
ALTER TABLE signals ADD COLUMN link_rule TEXT;          -- reply | symbol | recent
ALTER TABLE signals ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';  -- JSON array of strings
ALTER TABLE signals ADD COLUMN entry_market INTEGER NOT NULL DEFAULT 0
  CHECK (entry_market IN (0, 1));
ALTER TABLE signals ADD COLUMN margin_mode TEXT;        -- cross | isolated
CREATE INDEX signals_by_message_version ON signals (message_id, version);
CREATE INDEX signals_by_refers_to ON signals (refers_to);

-- Per channel, over the latest reading of each message; the outcome columns stay NULL until
-- channel backtests fill them. The risk engine weighs a channel's trust by them.
CREATE TABLE channel_stats (
  channel_id      TEXT    PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
  messages        INTEGER NOT NULL DEFAULT 0,
  longs           INTEGER NOT NULL DEFAULT 0,
  shorts          INTEGER NOT NULL DEFAULT 0,
  updates         INTEGER NOT NULL DEFAULT 0,
  nones           INTEGER NOT NULL DEFAULT 0,
  linked_updates  INTEGER NOT NULL DEFAULT 0,
  share_none      REAL,                       -- nones / messages; NULL without messages
  first_ts        INTEGER,                    -- first and last post (ts_event)
  last_ts         INTEGER,
  updated_at      INTEGER NOT NULL,
  wins            INTEGER,
  losses          INTEGER,
  win_rate        REAL
) STRICT;
)sql";

// Channel backtests measure what a channel's signals earned; the trust-weighted sizer reads it.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE channel_stats ADD COLUMN avg_r REAL;        -- mean R of the filled signals
ALTER TABLE channel_stats ADD COLUMN avg_win_r REAL;    -- mean R of the winning ones
ALTER TABLE channel_stats ADD COLUMN expectancy REAL;   -- mean PnL per filled signal (quote)
ALTER TABLE channel_stats ADD COLUMN outcomes_at INTEGER;  -- when a backtest measured them
)sql";

constexpr std::string_view kVersion7 = R"sql(
-- A paper run (`sigtrader run --mode paper`): what it was started with and how far it got. Its
-- orders are the ones whose client order id starts with 'p<id>-'; its account snapshots have the
-- venue 'sim:p<id>'.
CREATE TABLE paper_sessions (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  name           TEXT    NOT NULL,
  setup_hash     TEXT    NOT NULL,            -- markets, data, simulated exchange and strategy
  status         TEXT    NOT NULL
                 CHECK (status IN ('running', 'stopped', 'finished', 'failed', 'abandoned')),
  created_at     INTEGER NOT NULL,            -- wall clock, ns UTC
  updated_at     INTEGER NOT NULL,
  checkpoint_ts  INTEGER,                     -- the last simulated instant processed
  steps          INTEGER NOT NULL DEFAULT 0,  -- instants processed up to the checkpoint
  signal_cursor  INTEGER NOT NULL DEFAULT 0,  -- signals rows up to this id have been considered
  state_json     TEXT    NOT NULL DEFAULT '{}'  -- positions and counters at the checkpoint
) STRICT;
CREATE INDEX paper_sessions_by_name ON paper_sessions (name, status);

-- The signals a paper session scheduled, in the order it did, with the simulated instant each is
-- delivered at, so that a restart replays them exactly.
CREATE TABLE paper_session_signals (
  session_id  INTEGER NOT NULL REFERENCES paper_sessions (id) ON DELETE CASCADE,
  sequence    INTEGER NOT NULL,
  signal_id   INTEGER NOT NULL REFERENCES signals (id),
  due_at      INTEGER NOT NULL,               -- simulated time
  after_step  INTEGER NOT NULL,               -- the session's step count when it was scheduled
  PRIMARY KEY (session_id, sequence),
  UNIQUE (session_id, signal_id)
) STRICT;
)sql";

constexpr std::string_view kVersion8 = R"sql(
-- What a user may do through the API: admin | trader | viewer.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'trader'
  CHECK (role IN ('admin', 'trader', 'viewer'));

-- Requests from people (API, Telegram) to the running engine, applied between steps; a paper
-- session records the step it applied each at, so that a replay applies it at the same point.
CREATE TABLE operator_commands (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users (id),
  kind        TEXT    NOT NULL,   -- cancel_order | close_position | set_policy | resume_breaker | ...
  args_json   TEXT    NOT NULL DEFAULT '{}',
  who         TEXT    NOT NULL DEFAULT '',
  status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'failed')),
  result      TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,   -- wall clock
  applied_at  INTEGER,            -- wall clock
  session_id  INTEGER REFERENCES paper_sessions (id),
  step        INTEGER             -- applied before this step of the session
) STRICT;
CREATE INDEX operator_commands_pending ON operator_commands (user_id, status);
CREATE INDEX operator_commands_by_session ON operator_commands (session_id, step);
CREATE INDEX fills_by_order ON fills (order_id);
)sql";

constexpr std::array kMigrations{
    Migration{1, "users, channels, messages, signals, labels", kVersion1},
    Migration{2,
              "trading: api keys, exchange accounts, orders, fills, positions, trades, "
              "account snapshots",
              kVersion2},
    Migration{3, "risk events, AI decisions, backtests, models; trace ids on signals and orders",
              kVersion3},
    Migration{4, "message edits: edited_at and forwarded_from on messages, message versions",
              kVersion4},
    Migration{5,
              "signals read per message version, with update kind, link, warnings and margin; "
              "channel statistics",
              kVersion5},
    Migration{6, "channel outcomes from channel backtests: average R, expectancy", kVersion6},
    Migration{7, "paper sessions and the signals they scheduled", kVersion7},
    Migration{8, "user roles and operator commands for the API", kVersion8},
};

}  // namespace

std::span<const Migration> schema_migrations() {
  return kMigrations;
}

}  // namespace sigtrader::storage
