// /api/v1 routes about the caller's account: who they are, the engine's status, portfolio and
// equity, positions, orders, trades (fills) and the operator commands they queued.
#include <limits>

#include <fmt/format.h>

#include "api/api_response.hpp"
#include "api/route_support.hpp"
#include "api/routes.hpp"
#include "core/decimal.hpp"
#include "market/data_file.hpp"

namespace sigtrader::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value text_or_null(const std::optional<core::Price>& price) {
  if (!price) return nullptr;
  return value(price->to_string());
}

object order_json(const storage::OrderRow& order) {
  return object{
      {"client_order_id", order.client_order_id.str()},
      {"symbol", order.symbol.to_string()},
      {"side", core::to_string(order.side)},
      {"type", core::to_string(order.type)},
      {"status", core::to_string(order.status)},
      {"quantity", order.quantity.to_string()},
      {"price", text_or_null(order.price)},
      {"trigger_price", text_or_null(order.trigger_price)},
      {"filled_quantity", order.filled_quantity.to_string()},
      {"average_price", text_or_null(order.average_price)},
      {"reduce_only", order.reduce_only},
      {"reason", order.reason},
      {"created_at", order.created_at.ms()},
      {"updated_at", order.updated_at.ms()},
  };
}

const array* state_positions(const ActiveAccount& account) {
  const auto it = account.state.find("positions");
  return it == account.state.end() ? nullptr : it->value().if_array();
}

std::string member_text(const object& object, std::string_view name) {
  return string_member(object, name).value_or("");
}

// The open positions of the checkpointed state, with side and absolute quantity.
array positions_json(const ActiveAccount& account) {
  array out;
  const array* positions = state_positions(account);
  if (!positions) return out;
  for (const value& entry : *positions) {
    const object* position = entry.if_object();
    if (!position) continue;
    const auto quantity = core::Decimal::try_parse(member_text(*position, "quantity"));
    if (!quantity.ok() || quantity->is_zero()) continue;
    const bool is_short = quantity->is_negative();
    const std::string mark = member_text(*position, "mark");
    out.push_back(object{
        {"symbol", member_text(*position, "symbol")},
        {"side", is_short ? "short" : "long"},
        {"quantity", (is_short ? -*quantity : *quantity).to_string()},
        {"average_entry", member_text(*position, "average_entry")},
        {"mark", mark.empty() ? value(nullptr) : value(mark)},
        {"unrealized_pnl", member_text(*position, "unrealized_pnl")},
        {"realized_pnl", member_text(*position, "realized_pnl")},
        {"fees", member_text(*position, "fees")},
    });
  }
  return out;
}

// The sum of |quantity| x mark over open positions, in the quote currency.
core::Decimal exposure_of(const array& positions) {
  core::Decimal total;
  for (const value& entry : positions) {
    const object& position = entry.as_object();
    const auto quantity = core::Decimal::try_parse(member_text(position, "quantity"));
    const std::string mark_text = member_text(position, "mark");
    const auto mark = core::Decimal::try_parse(mark_text.empty() ? "0" : mark_text);
    if (quantity.ok() && mark.ok()) total = total + *quantity * *mark;
  }
  return total;
}

net::ServerResponse me(RequestContext& context) {
  return json_response(200, object{{"user", context.caller.user.name},
                                   {"role", to_string(context.caller.role)},
                                   {"key", context.caller.key_prefix}});
}

net::ServerResponse status(RequestContext& context, const RouteServices& services) {
  const auto account = active_account(context);
  value session = nullptr;
  if (account) {
    session = object{{"id", account->session.id.value()},
                     {"name", account->session.name},
                     {"status", account->session.status},
                     {"instant", ms(account->session.checkpoint)},
                     {"steps", account->session.steps}};
  }
  const bool running = account && account->session.status == "running";
  return json_response(200, object{{"version", services.version},
                                   {"mode", running ? "paper" : "idle"},
                                   {"session", session},
                                   {"started_at", services.started_at.ms()}});
}

net::ServerResponse portfolio(RequestContext& context) {
  const auto account = active_account(context);
  const auto latest =
      account
          ? context.store.latest_account_snapshot(context.caller.user.id, account->venue)
          : core::Result<storage::AccountSnapshotRow>(core::Error(core::ErrorCode::kNotFound, ""));
  if (!latest.ok()) {
    return json_response(200, object{{"currency", nullptr},
                                     {"equity", nullptr},
                                     {"balance", nullptr},
                                     {"unrealized_pnl", nullptr},
                                     {"pnl_today", nullptr},
                                     {"pnl_total", nullptr},
                                     {"starting_equity", nullptr},
                                     {"exposure", nullptr},
                                     {"exposure_pct", nullptr},
                                     {"ts", nullptr}});
  }
  const core::UserId user = context.caller.user.id;
  // The start is the first snapshot before the latest one's instant (the latest itself when
  // there is none).
  const auto first = context.store.first_account_snapshot(user, account->venue, latest->ts);
  const core::Money starting = first.ok() ? first->equity : latest->equity;
  // The day is the account's own (simulated for paper): UTC midnight of its latest snapshot.
  const core::Timestamp midnight =
      core::Timestamp::from_ns(latest->ts.ns() - latest->ts.ns() % 86'400'000'000'000);
  const auto before_today =
      context.store.latest_account_snapshot_before(user, account->venue, midnight);
  const core::Money day_start = before_today.ok() ? before_today->equity : starting;
  const array positions = positions_json(*account);
  const core::Decimal exposure = exposure_of(positions);
  const double equity = latest->equity.to_double();
  return json_response(
      200, object{{"currency", latest->currency},
                  {"equity", latest->equity.to_string()},
                  {"balance", latest->balance.to_string()},
                  {"unrealized_pnl", latest->unrealized_pnl.to_string()},
                  {"pnl_today", (latest->equity - day_start).to_string()},
                  {"pnl_total", (latest->equity - starting).to_string()},
                  {"starting_equity", starting.to_string()},
                  {"exposure", exposure.to_string()},
                  {"exposure_pct",
                   equity > 0 ? value(exposure.to_double() / equity * 100.0) : value(nullptr)},
                  {"ts", latest->ts.ms()}});
}

net::ServerResponse equity(RequestContext& context) {
  net::ServerResponse refusal;
  const auto limit = limit_param(context, 500, 5000, refusal);
  const auto from = time_param(context, "from", refusal);
  const auto to = time_param(context, "to", refusal);
  if (refusal.status != 200) return refusal;
  array points;
  if (const auto account = active_account(context)) {
    auto snapshots = context.store.account_snapshots(
        context.caller.user.id, account->venue, from.value_or(core::Timestamp::from_ns(0)),
        to.value_or(core::Timestamp::from_ns(std::numeric_limits<std::int64_t>::max())), *limit);
    if (!snapshots.ok()) return error_response(snapshots.error());
    for (const storage::AccountSnapshotRow& snapshot : *snapshots) {
      points.push_back(object{{"ts", snapshot.ts.ms()}, {"equity", snapshot.equity.to_string()}});
    }
  }
  return json_response(200, object{{"points", points}});
}

net::ServerResponse positions(RequestContext& context) {
  const auto account = active_account(context);
  return json_response(200, object{{"positions", account ? positions_json(*account) : array{}}});
}

net::ServerResponse close_position(RequestContext& context, const RouteServices& services) {
  net::ServerResponse refusal;
  const auto body = read_json_body(context, refusal);
  if (!body) return refusal;
  const auto symbol = string_member(*body, "symbol");
  if (!symbol) return error_response(400, "the body needs \"symbol\": \"BASE/QUOTE\"");
  const auto account = active_account(context);
  bool open = false;
  if (account) {
    for (const value& position : positions_json(*account)) {
      open = open || position.as_object().at("symbol").as_string() == *symbol;
    }
  }
  if (!open) return error_response(404, fmt::format("no open position in {}", *symbol));
  return queue_command(context, services.clock, "close_position", object{{"symbol", *symbol}});
}

net::ServerResponse orders(RequestContext& context) {
  net::ServerResponse refusal;
  const auto limit = limit_param(context, 100, 1000, refusal);
  if (!limit) return refusal;
  const std::string status = context.query("status").value_or("all");
  if (status != "open" && status != "all") {
    return error_response(400, "status must be open or all");
  }
  const auto account = active_account(context);
  array out;
  if (account) {
    auto rows =
        context.store.list_orders(storage::OrderQuery{.user = context.caller.user.id,
                                                      .client_prefix = account->order_prefix,
                                                      .open_only = status == "open",
                                                      .limit = *limit});
    if (!rows.ok()) return error_response(rows.error());
    for (const storage::OrderRow& order : *rows)
      out.push_back(order_json(order));
  }
  return json_response(200, object{{"orders", out}});
}

net::ServerResponse cancel_order(RequestContext& context, const RouteServices& services) {
  const std::string id = context.path.at("client_order_id");
  auto order = context.store.find_order(core::ClientOrderId(id));
  // Another user's order is "not found": ids must not reveal what others trade.
  if (!order.ok() || order->user_id != context.caller.user.id) {
    return error_response(404, fmt::format("no order {}", id));
  }
  if (core::is_terminal(order->status)) {
    return error_response(409, fmt::format("order {} is {}: it can no longer be canceled", id,
                                           core::to_string(order->status)));
  }
  return queue_command(context, services.clock, "cancel_order", object{{"client_order_id", id}});
}

net::ServerResponse trades(RequestContext& context) {
  net::ServerResponse refusal;
  const auto limit = limit_param(context, 100, 1000, refusal);
  if (!limit) return refusal;
  const auto account = active_account(context);
  array out;
  if (account) {
    auto fills = context.store.recent_fills(context.caller.user.id, account->order_prefix, *limit);
    if (!fills.ok()) return error_response(fills.error());
    for (const storage::FillWithOrder& fill : *fills) {
      out.push_back(object{{"ts", fill.fill.ts_event.ms()},
                           {"client_order_id", fill.client_order_id.str()},
                           {"symbol", fill.symbol.to_string()},
                           {"side", core::to_string(fill.side)},
                           {"price", fill.fill.price.to_string()},
                           {"quantity", fill.fill.quantity.to_string()},
                           {"fee", fill.fill.fee.to_string()},
                           {"fee_asset", fill.fill.fee_asset}});
    }
  }
  return json_response(200, object{{"trades", out}});
}

net::ServerResponse command(RequestContext& context) {
  const auto id = market::parse_integer(context.path.at("id"));
  if (!id) return error_response(400, "a command id is a number");
  auto row = context.store.find_operator_command(storage::OperatorCommandId(*id));
  if (!row.ok() || row->user_id != context.caller.user.id) {
    return error_response(404, "no such command");
  }
  return json_response(200, object{{"command", command_json(*row)}});
}

}  // namespace

void add_account_routes(Router& router, const RouteServices& services) {
  router.add({"GET", "/api/v1/me", Role::kViewer, me});
  router.add({"GET", "/api/v1/status", Role::kViewer,
              [&services](RequestContext& context) { return status(context, services); }});
  router.add({"GET", "/api/v1/portfolio", Role::kViewer, portfolio});
  router.add({"GET", "/api/v1/portfolio/equity", Role::kViewer, equity});
  router.add({"GET", "/api/v1/positions", Role::kViewer, positions});
  router.add({"POST", "/api/v1/positions/close", Role::kTrader,
              [&services](RequestContext& context) { return close_position(context, services); }});
  router.add({"GET", "/api/v1/orders", Role::kViewer, orders});
  router.add({"DELETE", "/api/v1/orders/{client_order_id}", Role::kTrader,
              [&services](RequestContext& context) { return cancel_order(context, services); }});
  router.add({"GET", "/api/v1/trades", Role::kViewer, trades});
  router.add({"GET", "/api/v1/commands/{id}", Role::kViewer, command});
}

void collect_account_metrics(storage::Store& store, Metrics& metrics) {
  auto users = store.list_users();
  if (!users.ok()) return;
  for (const storage::UserRow& user : *users) {
    const auto account = active_account(store, user.id);
    if (!account) continue;
    if (auto snapshot = store.latest_account_snapshot(user.id, account->venue); snapshot.ok()) {
      metrics.set("sigtrader_equity", {{"user", user.name}}, snapshot->equity.to_double());
    }
    if (const object* breaker = checkpoint_breaker(*account)) {
      metrics.set("sigtrader_breaker_open", {{"user", user.name}},
                  member_text(*breaker, "state") == "open" ? 1.0 : 0.0);
    }
    auto counts = store.count_orders_by_status(user.id, account->order_prefix);
    if (!counts.ok()) continue;
    for (const storage::OrderStatusCount& count : *counts) {
      metrics.set("sigtrader_orders",
                  {{"user", user.name}, {"state", std::string(core::to_string(count.status))}},
                  static_cast<double>(count.orders));
    }
  }
}

}  // namespace sigtrader::api
