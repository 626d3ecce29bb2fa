#include "config/key_table.hpp"

#include <algorithm>
#include <cctype>

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
           "browser origins allowed to call the API, e.g. a dashboard dev server");

  SectionRows(table, "risk", &Config::risk, "Limits every order is checked against.")
      .key("policy", &RiskConfig::policy, one_of<RiskPolicy>(),
           "sizing and exposure preset: conservative, moderate or aggressive")
      .key("max_consecutive_losses", &RiskConfig::max_consecutive_losses, integer_in(1, 1000),
           "losing trades in a row that open the circuit breaker")
      .key("daily_loss_pct", &RiskConfig::daily_loss_pct, number_above_up_to(0, 100),
           "loss, in percent of the day's starting equity, that stops trading for the day")
      .key("cooldown", &RiskConfig::cooldown, duration_in(Duration::seconds(0), Duration::days(30)),
           "pause after the circuit breaker opens before trading resumes");

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
