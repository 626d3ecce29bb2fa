#pragma once

#include <optional>
#include <string>

#include "api/backtest_jobs.hpp"
#include "api/metrics.hpp"
#include "api/router.hpp"
#include "core/clock.hpp"
#include "risk/risk_engine.hpp"
#include "signals/signal_classifier.hpp"
#include "storage/store.hpp"

namespace sigtrader::api {

// What route handlers use besides the request and the store.
struct RouteServices {
  const core::Clock& clock;
  const signals::SignalClassifier* classifier = nullptr;
  std::optional<risk::RiskEngineConfig> risk = std::nullopt;
  std::string version;
  core::Timestamp started_at;
  BacktestJobs* backtests = nullptr;
};

// Every /api/v1 route (docs/api.md), by file: account (status, portfolio, positions, orders,
// trades, commands), signals (signals, ingest-and-score, channels, labels), risk, backtests.
void add_routes(Router& router, const RouteServices& services);
void add_account_routes(Router& router, const RouteServices& services);
void add_signal_routes(Router& router, const RouteServices& services);
void add_label_routes(Router& router, const RouteServices& services);
void add_risk_routes(Router& router, const RouteServices& services);
void add_backtest_routes(Router& router, const RouteServices& services);

// Sets the gauges read from the database at scrape time: orders by state, equity, breaker.
void collect_account_metrics(storage::Store& store, Metrics& metrics);

}  // namespace sigtrader::api
