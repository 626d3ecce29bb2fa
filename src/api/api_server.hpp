#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/authenticator.hpp"
#include "api/backtest_jobs.hpp"
#include "api/event_stream.hpp"
#include "api/metrics.hpp"
#include "api/rate_limiter.hpp"
#include "api/router.hpp"
#include "api/routes.hpp"
#include "api/static_files.hpp"
#include "api/store_access.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "net/http_server.hpp"
#include "risk/risk_engine.hpp"
#include "signals/signal_classifier.hpp"

namespace sigtrader::api {

struct ApiOptions {
  net::HttpServerOptions http;     // address, port, threads, limits
  std::filesystem::path web_root;  // the built dashboard (web/dist); empty or missing: none
  // Token buckets: per API key and per client address (requests per second, burst).
  double key_rate = 50;
  double key_burst = 100;
  double ip_rate = 200;
  double ip_burst = 400;
  // Origins allowed to call the API from a browser page of another origin (CORS).
  std::vector<std::string> cors_origins;
  std::string version;
};

// What the routes need from the rest of the program.
struct ApiServices {
  // Opens the API's own connection to the database.
  std::function<core::Result<std::unique_ptr<storage::Store>>()> open_store;
  const core::Clock* clock = nullptr;  // wall clock; nullptr: a LiveClock
  // Reads posts for ingest-and-score and suggests labels; nullptr: those answer 503.
  const signals::SignalClassifier* classifier = nullptr;
  // The risk limits a signal is scored against (the config's [risk]).
  std::optional<risk::RiskEngineConfig> risk = std::nullopt;
  // Whether an engine runs in this process (run, demo) and is alive; empty: serve alone, the
  // engine (if any) is another process and writes its state to the database.
  std::function<bool()> engine_alive = nullptr;
  // Runs backtests for POST /api/v1/backtests; empty: that answers 503. Reports are kept in
  // reports_dir.
  BacktestRunner backtest_runner = nullptr;
  std::filesystem::path reports_dir = "backtests";
};

// The HTTP API (docs/api.md) with the dashboard's static files, /metrics, /livez and /readyz:
// every request passes the address rate limit, then authentication and the key's rate limit and
// role check for /api/v1, gets the security headers (and CORS headers for an allowed origin), and
// is counted and timed by route and status.
class ApiServer {
 public:
  static core::Result<std::unique_ptr<ApiServer>> start(ApiOptions options, ApiServices services);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  std::uint16_t port() const { return http_->port(); }
  EventStream& events() { return *events_; }
  Metrics& metrics() { return metrics_; }
  void stop(core::Duration grace = core::Duration::seconds(5));

 private:
  ApiServer(ApiOptions options, ApiServices services, std::unique_ptr<storage::Store> store);
  net::ServerResponse handle(const net::ServerRequest& request);
  std::optional<net::ServerResponse> admit_stream(const net::ServerRequest& upgrade);
  // A 429 when the request's address is over its rate limit (and charges it otherwise).
  std::optional<net::ServerResponse> refuse_address(const net::ServerRequest& request);
  // Headers, then the request counted and timed under its route.
  void finish(const net::ServerRequest& request, const std::string& route_name,
              net::ServerResponse& response, std::chrono::steady_clock::time_point started);
  net::ServerResponse route(const net::ServerRequest& request, std::string& route_name);
  net::ServerResponse readiness();
  std::optional<Caller> authenticate(const net::ServerRequest& request,
                                     net::ServerResponse& refusal);
  void add_headers(const net::ServerRequest& request, net::ServerResponse& response) const;
  void declare_metrics();

  ApiOptions options_;
  ApiServices services_;
  std::unique_ptr<core::Clock> own_clock_;
  const core::Clock* clock_ = nullptr;
  StoreAccess store_;
  Metrics metrics_;
  Authenticator authenticator_;
  RateLimiter key_limiter_;
  RateLimiter ip_limiter_;
  BacktestJobs backtests_;
  std::unique_ptr<RouteServices> route_services_;  // the routes hold on to it
  Router router_;
  StaticFiles static_files_;
  std::shared_ptr<EventStream> events_;
  std::unique_ptr<net::HttpServer> http_;
};

}  // namespace sigtrader::api
