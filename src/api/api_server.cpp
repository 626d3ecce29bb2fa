#include "api/api_server.hpp"

#include <chrono>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/api_response.hpp"
#include "api/routes.hpp"

namespace sigtrader::api {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1/";

// Applied to every answer: no sniffing, no framing, no referrer, and a policy that lets the
// dashboard load only its own scripts and talk only to its own server.
void add_security_headers(net::ServerResponse& response, bool api) {
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
                      "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
  if (api) response.set_header("Cache-Control", "no-store");
}

std::string seconds_header(core::Duration wait) {
  // Whole seconds, rounded up, at least 1 (RFC 9110 delay-seconds).
  return std::to_string(std::max<std::int64_t>(1, (wait.count_ns() + 999'999'999) / 1'000'000'000));
}

const std::vector<double> kLatencyBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1,    2.5};

}  // namespace

ApiServer::ApiServer(ApiOptions options, ApiServices services,
                     std::unique_ptr<storage::Store> store)
    : options_(std::move(options)),
      services_(std::move(services)),
      own_clock_(services_.clock ? nullptr : std::make_unique<core::LiveClock>()),
      clock_(services_.clock ? services_.clock : own_clock_.get()),
      store_(std::move(store)),
      authenticator_(store_, *clock_),
      key_limiter_(options_.key_rate, options_.key_burst, *clock_),
      ip_limiter_(options_.ip_rate, options_.ip_burst, *clock_),
      backtests_(store_, services_.backtest_runner, services_.reports_dir, *clock_),
      static_files_(options_.web_root),
      events_(std::make_shared<EventStream>(
          authenticator_, metrics_,
          [this](const net::ServerRequest& upgrade) { return admit_stream(upgrade); })) {
  declare_metrics();
  route_services_ =
      std::make_unique<RouteServices>(RouteServices{.clock = *clock_,
                                                    .classifier = services_.classifier,
                                                    .risk = services_.risk,
                                                    .version = options_.version,
                                                    .started_at = clock_->now(),
                                                    .backtests = &backtests_});
  add_routes(router_, *route_services_);
}

core::Result<std::unique_ptr<ApiServer>> ApiServer::start(ApiOptions options,
                                                          ApiServices services) {
  if (!services.open_store) {
    return core::Error(core::ErrorCode::kInvalidArgument, "the API needs a database");
  }
  SIGTRADER_TRY(std::unique_ptr<storage::Store> store, services.open_store());
  std::unique_ptr<ApiServer> server(
      new ApiServer(std::move(options), std::move(services), std::move(store)));
  net::HttpServerOptions http = server->options_.http;
  http.websocket_path = "/api/v1/stream";
  http.error_response = [](int status, std::string_view message) {
    return error_response(status, message);
  };
  ApiServer* self = server.get();
  SIGTRADER_TRY(server->http_,
                net::HttpServer::start(
                    std::move(http),
                    [self](const net::ServerRequest& request) { return self->handle(request); },
                    server->events_));
  return server;
}

ApiServer::~ApiServer() {
  stop(core::Duration::nanoseconds(0));
}

void ApiServer::stop(core::Duration grace) {
  if (!http_) return;
  http_->stop(grace);
  events_->drop_all();
}

void ApiServer::declare_metrics() {
  metrics_.declare_counter("sigtrader_http_requests_total",
                           "HTTP requests answered, by route, method and status.");
  metrics_.declare_histogram("sigtrader_http_request_duration_seconds",
                             "Time to answer an HTTP request, by route.", kLatencyBuckets);
  metrics_.declare_counter("sigtrader_events_total",
                           "Events pushed to WebSocket subscribers, by type.");
  metrics_.declare_counter("sigtrader_signals_total", "Signals the engine acted on, by label.");
  metrics_.declare_gauge("sigtrader_orders", "Orders of the active paper sessions, by state.");
  metrics_.declare_gauge("sigtrader_breaker_open",
                         "1 when a user's circuit breaker is open (trading paused), by user.");
  metrics_.declare_gauge("sigtrader_equity", "Account equity in its quote currency, by user.");
  metrics_.declare_gauge("sigtrader_websocket_clients", "Open WebSocket connections.");
  metrics_.declare_gauge("sigtrader_http_connections", "Open HTTP connections.");
  metrics_.declare_counter("sigtrader_http_protocol_errors_total",
                           "Requests refused as malformed, too large or too slow.");
  metrics_.declare_histogram("sigtrader_exchange_request_duration_seconds",
                             "Time an exchange took to answer, by venue and endpoint.",
                             kLatencyBuckets);
  metrics_.add_collector([this](Metrics& metrics) {
    if (!http_) return;
    const net::HttpServerCounters& counters = http_->counters();
    metrics.set("sigtrader_websocket_clients", {},
                static_cast<double>(counters.websockets_open.load()));
    metrics.set("sigtrader_http_connections", {},
                static_cast<double>(counters.connections_open.load()));
  });
  metrics_.add_collector([this](Metrics& metrics) {
    store_.with([&](storage::Store& store) {
      collect_account_metrics(store, metrics);
      return 0;
    });
  });
}

std::optional<net::ServerResponse> ApiServer::refuse_address(const net::ServerRequest& request) {
  const RateLimiter::Verdict address = ip_limiter_.take(request.remote_address);
  if (address.allowed) return std::nullopt;
  net::ServerResponse response = error_response(429, "too many requests from this address");
  response.set_header("Retry-After", seconds_header(address.retry_after));
  return response;
}

net::ServerResponse ApiServer::handle(const net::ServerRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  std::string route_name = "unmatched";
  net::ServerResponse response;
  if (auto refusal = refuse_address(request)) {
    route_name = "rate_limited";
    response = std::move(*refusal);
  } else {
    response = route(request, route_name);
  }
  finish(request, route_name, response, started);
  return response;
}

// Each connection to the stream costs its address a request, so a client cannot get around the
// address's limit (or guess keys in the first message) by opening streams.
std::optional<net::ServerResponse> ApiServer::admit_stream(const net::ServerRequest& upgrade) {
  const auto started = std::chrono::steady_clock::now();
  auto refusal = refuse_address(upgrade);
  if (refusal) finish(upgrade, "rate_limited", *refusal, started);
  return refusal;
}

void ApiServer::finish(const net::ServerRequest& request, const std::string& route_name,
                       net::ServerResponse& response,
                       std::chrono::steady_clock::time_point started) {
  add_headers(request, response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.add("sigtrader_http_requests_total", {{"route", route_name},
                                                 {"method", request.method},
                                                 {"status", std::to_string(response.status)}});
  metrics_.observe("sigtrader_http_request_duration_seconds", {{"route", route_name}}, seconds);
}

void ApiServer::add_headers(const net::ServerRequest& request,
                            net::ServerResponse& response) const {
  add_security_headers(response, request.path.starts_with("/api/"));
  const auto origin = request.header("Origin");
  if (!origin) return;
  for (const std::string& allowed : options_.cors_origins) {
    if (allowed == *origin) {
      response.set_header("Access-Control-Allow-Origin", *origin);
      response.set_header("Vary", "Origin");
      return;
    }
  }
}

net::ServerResponse ApiServer::readiness() {
  const bool store_ok =
      store_.with([](storage::Store& store) { return store.schema_version().ok(); });
  const bool engine_ok = !services_.engine_alive || services_.engine_alive();
  const bool ready = store_ok && engine_ok;
  return json_response(ready ? 200 : 503, boost::json::object{
                                              {"status", ready ? "ready" : "not_ready"},
                                              {"store", store_ok},
                                              {"engine", engine_ok},
                                          });
}

// The key from X-API-Key, or from "Authorization: Bearer <key>" (what a Prometheus scrape config
// sends), checked and charged to the key's rate limit.
std::optional<Caller> ApiServer::authenticate(const net::ServerRequest& request,
                                              net::ServerResponse& refusal) {
  std::optional<std::string> key = request.header("X-API-Key");
  if (!key) {
    constexpr std::string_view kBearer = "Bearer ";
    if (const auto authorization = request.header("Authorization");
        authorization && authorization->starts_with(kBearer)) {
      key = authorization->substr(kBearer.size());
    }
  }
  if (!key) {
    refusal = error_response(401, "missing X-API-Key header");
    return std::nullopt;
  }
  auto caller = authenticator_.authenticate(*key);
  if (!caller.ok()) {
    if (caller.error().code() == core::ErrorCode::kInvalidArgument ||
        caller.error().code() == core::ErrorCode::kNotFound) {
      refusal = error_response(401, caller.error().message());
    } else {
      spdlog::error("api: checking a key: {}", caller.error().message());
      refusal = error_response(503, "cannot check the API key now");
    }
    return std::nullopt;
  }
  const RateLimiter::Verdict verdict = key_limiter_.take(caller->key_prefix);
  if (!verdict.allowed) {
    refusal = error_response(429, "too many requests for this API key");
    refusal.set_header("Retry-After", seconds_header(verdict.retry_after));
    return std::nullopt;
  }
  return std::move(*caller);
}

net::ServerResponse ApiServer::route(const net::ServerRequest& request, std::string& route_name) {
  if (request.path == "/livez") {
    route_name = "/livez";
    return json_response(200, boost::json::object{{"status", "ok"}});
  }
  if (request.path == "/readyz") {
    route_name = "/readyz";
    return readiness();
  }
  if (request.path == "/metrics") {
    route_name = "/metrics";
    net::ServerResponse refusal;
    if (!authenticate(request, refusal)) return refusal;
    net::ServerResponse response;
    response.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.body = metrics_.render();
    return response;
  }
  if (!request.path.starts_with(kApiPrefix)) {
    route_name = "static";
    if (request.method != "GET" && request.method != "HEAD") {
      return error_response(405, "only GET and HEAD are served outside /api");
    }
    if (auto file = static_files_.serve(request.path)) return std::move(*file);
    return error_response(404, static_files_.available()
                                   ? "no such file"
                                   : "the dashboard is not built (scripts/build_web.sh)");
  }
  if (request.method == "OPTIONS") {
    // A CORS preflight: allowed origins learn what they may send; others get no CORS headers,
    // which the browser reads as a refusal.
    route_name = "preflight";
    net::ServerResponse response;
    response.status = 204;
    response.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    response.set_header("Access-Control-Allow-Headers", "X-API-Key, Content-Type");
    response.set_header("Access-Control-Max-Age", "600");
    return response;
  }
  const Router::Match match = router_.match(request.method, request.path);
  if (match.route) route_name = match.route->pattern;
  net::ServerResponse refusal;
  const std::optional<Caller> caller = authenticate(request, refusal);
  if (!caller) return refusal;
  if (!match.route) {
    if (match.allowed.empty()) return error_response(404, "no such endpoint");
    std::string allow;
    for (const std::string& method : match.allowed)
      allow += (allow.empty() ? "" : ", ") + method;
    net::ServerResponse response =
        error_response(405, fmt::format("{} is not allowed here; use {}", request.method, allow));
    response.set_header("Allow", allow);
    return response;
  }
  if (!allows(caller->role, match.route->role)) {
    return error_response(403, fmt::format("a {} cannot do this; it needs the {} role",
                                           to_string(caller->role), to_string(match.route->role)));
  }
  return store_.with([&](storage::Store& store) {
    RequestContext context{request, match.path, *caller, store};
    return match.route->handler(context);
  });
}

}  // namespace sigtrader::api
