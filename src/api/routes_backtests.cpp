// /api/v1/backtests: run a backtest from a TOML config (queued, one at a time), list them, fetch
// one with its report.

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "api/api_response.hpp"
#include "api/route_support.hpp"
#include "api/routes.hpp"
#include "core/file_text.hpp"
#include "market/data_file.hpp"

namespace sigtrader::api {
namespace {

using boost::json::object;
using boost::json::value;

constexpr std::size_t kMaxConfigBytes = 64 * 1024;

value parsed_or_empty(const std::string& text) {
  boost::system::error_code error;
  value parsed = boost::json::parse(text, error);
  return error ? value(object{}) : parsed;
}

object backtest_json(const storage::BacktestRow& row) {
  return object{{"id", row.id.value()},
                {"name", row.name},
                {"status", row.status},
                {"started_at", row.started_at.ms()},
                {"finished_at", ms(row.finished_at)},
                {"metrics", parsed_or_empty(row.metrics_json)}};
}

net::ServerResponse list_backtests(RequestContext& context) {
  net::ServerResponse refusal;
  const auto limit = limit_param(context, 50, 500, refusal);
  if (!limit) return refusal;
  auto rows = context.store.list_backtests(context.caller.user.id, *limit);
  if (!rows.ok()) return error_response(rows.error());
  boost::json::array out;
  for (const storage::BacktestRow& row : *rows)
    out.push_back(backtest_json(row));
  return json_response(200, object{{"backtests", out}});
}

net::ServerResponse run_backtest(RequestContext& context, const RouteServices& services) {
  if (!services.backtests || !services.backtests->available()) {
    return error_response(503, "this server does not run backtests");
  }
  net::ServerResponse refusal;
  const auto body = read_json_body(context, refusal);
  if (!body) return refusal;
  const auto toml = string_member(*body, "config");
  if (!toml || toml->empty()) {
    return error_response(400, "the body needs \"config\": a backtest TOML (markets, strategy)");
  }
  if (toml->size() > kMaxConfigBytes) {
    return error_response(413, fmt::format("a config is at most {} bytes", kMaxConfigBytes));
  }
  std::string name = string_member(*body, "name").value_or("api backtest");
  auto row =
      services.backtests->submit(context.store, context.caller.user.id, std::move(name), *toml);
  if (!row.ok()) return error_response(row.error());
  return json_response(202, object{{"backtest", backtest_json(*row)}});
}

net::ServerResponse one_backtest(RequestContext& context) {
  const auto id = market::parse_integer(context.path.at("id"));
  if (!id) return error_response(400, "a backtest id is a number");
  auto row = context.store.find_backtest(storage::BacktestRowId(*id));
  if (!row.ok() || row->user_id != context.caller.user.id) {
    return error_response(404, fmt::format("no backtest {}", *id));
  }
  object out = backtest_json(*row);
  out["report"] = nullptr;
  if (row->report_path) {
    // A report that cannot be read shows as empty, as one that does not parse.
    const auto report = core::read_whole_file(*row->report_path);
    out["report"] = report.ok() ? parsed_or_empty(*report) : value(object{});
  }
  return json_response(200, object{{"backtest", out}});
}

}  // namespace

void add_backtest_routes(Router& router, const RouteServices& services) {
  router.add({"GET", "/api/v1/backtests", Role::kViewer, list_backtests});
  router.add({"POST", "/api/v1/backtests", Role::kTrader,
              [&services](RequestContext& context) { return run_backtest(context, services); }});
  router.add({"GET", "/api/v1/backtests/{id}", Role::kViewer, one_backtest});
}

}  // namespace sigtrader::api
