#include "config/key_table.hpp"

#include <algorithm>
#include <cctype>

#include "config/symbol_rules.hpp"

namespace sigtrader::config::detail {

namespace {

using core::Duration;

KeyTable build_key_table() {
  KeyTable table;

  SectionRows(table, "general", &Config::general, "What sigtrader runs and where it keeps files.")
      .key("mode", &GeneralConfig::mode, one_of<Mode>(),
           "backtest replays history; paper trades live data on a simulated exchange; live sends "
           "real orders")
      .key("data_dir", &GeneralConfig::data_dir, non_empty_string(),
           "directory for candles and reports (relative to the working directory)")
      .key("models_dir", &GeneralConfig::models_dir, non_empty_string(),
           "the model registry: trained models in {kind}/{name}/{version}/ (DESIGN.md section 6)");

  SectionRows(table, "database", &Config::database, "The SQLite store (DESIGN.md section 6).")
      .key("path", &DatabaseConfig::path, non_empty_string(),
           "database file; `--db PATH` overrides it")
      .key("busy_timeout", &DatabaseConfig::busy_timeout,
           duration_in(Duration::seconds(0), Duration::minutes(10)),
           "how long to wait for another process's lock before failing");

  SectionRows(table, "logging", &Config::logging, "Diagnostics written to stderr.")
      .key("level", &LoggingConfig::level, optional(one_of<LogLevel>()),
           "unset: the SIGTRADER_LOG_LEVEL variable, else \"info\"; `--log-level` overrides it")
      .key("format", &LoggingConfig::format, one_of<LogFormat>(),
           "auto: human text on a terminal, JSON lines otherwise; `--log-format` overrides it");

  SectionRows(table, "event_log", &Config::event_log,
              "The JSONL record of every event, events/YYYY-MM-DD/events-HH.jsonl.")
      .key("enabled", &EventLogConfig::enabled, boolean(),
           "the event log is the audit trail; turn it off only for throwaway runs")
      .key("dir", &EventLogConfig::dir, non_empty_string(), "directory of the dated event files")
      .key("mask_keys", &EventLogConfig::mask_keys, list_of_names(),
           "extra payload keys whose values are masked, on top of api_key, secret, token, "
           "password and signature");

  SectionRows(table, "api", &Config::api, "The HTTP/WebSocket API and dashboard.")
      .key("host", &ApiConfig::host, non_empty_string(),
           "address to listen on; 127.0.0.1 keeps it off the network")
      .key("port", &ApiConfig::port, integer_in(1, 65535), "TCP port to listen on")
      .key("cors_origins", &ApiConfig::cors_origins, list_of_origins(),
           "browser origins allowed to call the API, e.g. a dashboard dev server")
      .key("key_rate", &ApiConfig::key_rate, number_above_up_to(0, 1e9),
           "requests per second one API key may make on average")
      .key("key_burst", &ApiConfig::key_burst, number_above_up_to(0, 1e9),
           "requests one API key may make at once before key_rate applies")
      .key("ip_rate", &ApiConfig::ip_rate, number_above_up_to(0, 1e9),
           "requests per second one client address may make on average")
      .key("ip_burst", &ApiConfig::ip_burst, number_above_up_to(0, 1e9),
           "requests one client address may make at once before ip_rate applies");

  SectionRows(table, "risk", &Config::risk, "Limits every order is checked against.")
      .key("policy", &RiskConfig::policy, one_of<RiskPolicy>(),
           "sizing and exposure preset: conservative, moderate or aggressive")
      .key("max_consecutive_losses", &RiskConfig::max_consecutive_losses, integer_in(1, 1000),
           "losing trades in a row that open the circuit breaker")
      .key("daily_loss_pct", &RiskConfig::daily_loss_pct, number_above_up_to(0, 100),
           "loss, in percent of the day's starting equity, that stops trading for the day")
      .key("cooldown", &RiskConfig::cooldown, duration_in(Duration::seconds(0), Duration::days(30)),
           "pause after the circuit breaker opens before trading resumes")
      .key("min_confidence", &RiskConfig::min_confidence, number_from_to(0, 1),
           "signals classified less certain than this are not traded (the policy may ask more)")
      .key("max_open_positions", &RiskConfig::max_open_positions, integer_in(1, 1000),
           "open positions allowed at once, counting the new one (the policy may allow fewer)")
      .key("max_leverage", &RiskConfig::max_leverage, integer_in(1, 125),
           "entries asking more leverage are refused, never capped (the policy may allow less)")
      .key("max_symbol_exposure_pct", &RiskConfig::max_symbol_exposure_pct,
           number_above_up_to(0, 1000),
           "notional on one symbol, in percent of equity; a larger entry is shrunk to fit")
      .key("max_total_exposure_pct", &RiskConfig::max_total_exposure_pct,
           number_above_up_to(0, 10000), "notional over all positions, in percent of equity")
      .key("max_group_exposure_pct", &RiskConfig::max_group_exposure_pct,
           number_above_up_to(0, 10000),
           "notional over symbols whose recent returns correlate, in percent of equity")
      .key("correlation_threshold", &RiskConfig::correlation_threshold, number_above_up_to(0, 2),
           "correlation of returns from which two symbols share an exposure group; above 1: none")
      .key("max_drawdown_pct", &RiskConfig::max_drawdown_pct, number_above_up_to(0, 100),
           "drawdown from peak equity, in percent, beyond which no new entry is made")
      .key("drawdown_scale_floor", &RiskConfig::drawdown_scale_floor, number_from_to(0, 1),
           "share of the normal risk taken at max_drawdown_pct; risk shrinks linearly toward it")
      .key("symbol_cooldown", &RiskConfig::symbol_cooldown,
           duration_in(Duration::seconds(0), Duration::days(30)),
           "no new entry on a symbol this long after the last one")
      .key("duplicate_window", &RiskConfig::duplicate_window,
           duration_in(Duration::seconds(0), Duration::days(30)),
           "a channel's second signal on a symbol and side within this long is a duplicate")
      .key("max_signal_age", &RiskConfig::max_signal_age,
           duration_in(Duration::seconds(1), Duration::days(30)),
           "a signal older than this when it would be traded is stale")
      .key("allow_entries_without_stop", &RiskConfig::allow_entries_without_stop, boolean(),
           "trade a signal with no stop loss and no ATR to derive one (sized as all at risk)")
      .key("approval_floor", &RiskConfig::approval_floor, optional(number_from_to(0, 1)),
           "unset: no approvals; signals from this confidence up to min_confidence wait for a "
           "person's approval")
      .key("trust_weighting", &RiskConfig::trust_weighting, boolean(),
           "scale each entry by its channel's backtested record (neutral under 20 signals, "
           "0.25x to 1.5x)")
      .key("allowed_symbols", &RiskConfig::allowed_symbols, list_of_symbols(),
           "only these pairs are traded (after symbol_map); empty: every pair")
      .key("denied_symbols", &RiskConfig::denied_symbols, list_of_symbols(),
           "these pairs are never traded, even when allowed")
      .key("symbol_map", &RiskConfig::symbol_map, list_of_symbol_maps(),
           "signals naming FROM trade TO at the venue, whose prices are the multiplier times "
           "FROM's: \"PEPE/USDT:1000PEPE/USDT:1000\"")
      .key("approval_expiry", &RiskConfig::approval_expiry,
           duration_in(Duration::seconds(1), Duration::days(1)),
           "how long a signal waits for approval before it is dropped");

  SectionRows(table, "paper", &Config::paper,
              "`sigtrader run --mode paper`: a simulated exchange fed by replayed market data.")
      .key("setup", &PaperConfig::setup, optional(non_empty_string()),
           "backtest-format TOML with the markets, data files, simulated exchange and strategy "
           "(see sigtrader.backtest.example.toml); required for paper mode")
      .key("name", &PaperConfig::name, non_empty_string(),
           "the session's name: a restart resumes the unfinished session of this name")
      .key("speed", &PaperConfig::speed, number_in(0, 1'000'000),
           "simulated seconds per wall second: 1 is real time, 60 an hour a minute, 0 as fast "
           "as possible")
      .key("signals", &PaperConfig::signals, list_of_names(),
           "signal files imported into the database at start: *.jsonl (one post per line) or a "
           "Telegram Desktop export (*.json)")
      .key("import_dir", &PaperConfig::import_dir, optional(non_empty_string()),
           "a folder watched while running: new *.jsonl and *.json files are imported")
      .key("poll_interval", &PaperConfig::poll_interval,
           duration_in(Duration::seconds(0), Duration::hours(1)),
           "how often (wall time) the database and import_dir are checked for new signals")
      .key("classification_latency", &PaperConfig::classification_latency,
           duration_in(Duration::seconds(0), Duration::hours(1)),
           "added to a post's receive time before the strategy gets it")
      .key("status_every", &PaperConfig::status_every, integer_in(1, 1'000'000'000),
           "print a status line every this many steps (and when the run stops)");

  return table;
}

}  // namespace

const KeySpec* KeyTable::find_key(std::string_view path) const {
  for (const KeySpec& spec : keys) {
    if (spec.path == path) return &spec;
  }
  return nullptr;
}

const KeySpec* KeyTable::find_by_env_name(std::string_view env_name) const {
  for (const KeySpec& spec : keys) {
    if (spec.env_name == env_name) return &spec;
  }
  return nullptr;
}

bool KeyTable::is_section(std::string_view path) const {
  return std::any_of(sections.begin(), sections.end(), [&](const SectionSpec& section) {
    // A dotted section ("exchanges.binance") makes its parents ("exchanges") sections too.
    return section.name == path ||
           (section.name.starts_with(path) && section.name.size() > path.size() &&
            section.name[path.size()] == '.');
  });
}

const KeyTable& key_table() {
  static const KeyTable table = build_key_table();
  return table;
}

std::string env_name_for(std::string_view path) {
  std::string name = "SIGTRADER_";
  for (const char c : path) {
    if (c == '.') {
      name += "__";
    } else {
      name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return name;
}

}  // namespace sigtrader::config::detail
