// /api/v1/risk: the policy and breaker of the caller's running engine (from its last checkpoint),
// the limits in force, recent risk events; switching the policy and resuming the breaker are
// operator commands the engine applies before its next step.
#include <charconv>

#include <fmt/format.h>

#include "api/api_response.hpp"
#include "api/route_support.hpp"
#include "api/routes.hpp"
#include "risk/policy.hpp"

namespace sigtrader::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The checkpoint's "risk" block: {"policy", "breaker": {"state", "reason", "since", ...}}.
const boost::json::object* risk_block(const std::optional<ActiveAccount>& account) {
  if (!account) return nullptr;
  const auto it = account->state.find("risk");
  return it == account->state.end() ? nullptr : it->value().if_object();
}

// The policy the engine runs under: its checkpoint's, else the configured one.
std::string current_policy(const std::optional<ActiveAccount>& account,
                           const RouteServices& services) {
  if (const boost::json::object* risk = risk_block(account)) {
    if (const auto policy = string_member(*risk, "policy")) return *policy;
  }
  return std::string(
      risk::policy_name(services.risk ? services.risk->policy : risk::RiskPolicy::kModerate));
}

value breaker_json(const std::optional<ActiveAccount>& account) {
  if (account) {
    if (const boost::json::object* breaker = checkpoint_breaker(*account)) return *breaker;
  }
  return object{{"state", "closed"}, {"reason", ""}, {"since", nullptr}};
}

array available_policies() {
  array out;
  for (const risk::RiskPolicy policy : {risk::RiskPolicy::kConservative,
                                        risk::RiskPolicy::kModerate, risk::RiskPolicy::kAggressive})
    out.emplace_back(risk::policy_name(policy));
  return out;
}

net::ServerResponse risk_state(RequestContext& context, const RouteServices& services) {
  const auto account = active_account(context);
  const std::string policy = current_policy(account, services);
  object limits;
  if (const auto parsed = risk::try_parse_policy(policy); parsed.ok()) {
    const risk::PolicyLimits& policy_limits = risk::limits_of(*parsed);
    limits = object{{"risk_per_trade_pct", policy_limits.risk_per_trade_pct},
                    {"max_leverage", policy_limits.max_leverage},
                    {"max_open_positions", policy_limits.max_open_positions},
                    {"min_confidence", policy_limits.min_confidence},
                    {"stop_atr", policy_limits.stop_atr},
                    {"take_profit_atr", policy_limits.take_profit_atr}};
  }
  array events;
  if (auto rows = context.store.recent_risk_events(context.caller.user.id, 50); rows.ok()) {
    for (const storage::RiskEventRow& row : *rows) {
      events.push_back(object{{"ts", row.ts.ms()},
                              {"kind", row.kind},
                              {"symbol", row.symbol ? value(row.symbol->to_string()) : nullptr},
                              {"reason", row.reason}});
    }
  }
  return json_response(200, object{{"policy", policy},
                                   {"breaker", breaker_json(account)},
                                   {"limits", limits},
                                   {"events", events}});
}

net::ServerResponse get_policy(RequestContext& context, const RouteServices& services) {
  return json_response(200, object{{"policy", current_policy(active_account(context), services)},
                                   {"available", available_policies()}});
}

net::ServerResponse put_policy(RequestContext& context, const RouteServices& services) {
  net::ServerResponse refusal;
  const auto body = read_json_body(context, refusal);
  if (!body) return refusal;
  const auto name = string_member(*body, "policy");
  if (!name) return error_response(400, "the body needs \"policy\"");
  const auto policy = risk::try_parse_policy(*name);
  if (!policy.ok()) return error_response(422, policy.error().message());
  if (!active_account(context)) {
    return error_response(409, "no engine runs for this user: start `sigtrader run` first");
  }
  return queue_command(context, services.clock, "set_policy", object{{"policy", *name}});
}

net::ServerResponse resume_breaker(RequestContext& context, const RouteServices& services) {
  if (!active_account(context)) {
    return error_response(409, "no engine runs for this user: start `sigtrader run` first");
  }
  return queue_command(context, services.clock, "resume_breaker", object{});
}

// The signals the engine queued for a person (below risk.approval_floor's confidence), as of its
// last step.
net::ServerResponse approvals(RequestContext& context) {
  const auto account = active_account(context);
  const boost::json::object* risk = risk_block(account);
  boost::json::value list = boost::json::array{};
  if (risk) {
    if (const auto it = risk->find("approvals"); it != risk->end() && it->value().is_array()) {
      list = it->value();
    }
  }
  return json_response(200, object{{"approvals", list}});
}

net::ServerResponse answer(RequestContext& context, const RouteServices& services, bool approve) {
  const std::string& text = context.path.at("id");
  std::uint64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc{} || end != text.data() + text.size() || id == 0) {
    return error_response(400, "an approval id is a positive number");
  }
  if (!active_account(context)) {
    return error_response(409, "no engine runs for this user: start `sigtrader run` first");
  }
  // Whether it still waits is the engine's to say when it applies the command (it may expire
  // in between): the command's result tells.
  return queue_command(context, services.clock, approve ? "approve" : "reject",
                       object{{"approval_id", id}});
}

}  // namespace

void add_risk_routes(Router& router, const RouteServices& services) {
  router.add({"GET", "/api/v1/approvals", Role::kViewer, approvals});
  router.add({"POST", "/api/v1/approvals/{id}/approve", Role::kTrader,
              [&services](RequestContext& context) { return answer(context, services, true); }});
  router.add({"POST", "/api/v1/approvals/{id}/reject", Role::kTrader,
              [&services](RequestContext& context) { return answer(context, services, false); }});
  router.add({"GET", "/api/v1/risk", Role::kViewer,
              [&services](RequestContext& context) { return risk_state(context, services); }});
  router.add({"GET", "/api/v1/risk/policy", Role::kViewer,
              [&services](RequestContext& context) { return get_policy(context, services); }});
  router.add({"PUT", "/api/v1/risk/policy", Role::kAdmin,
              [&services](RequestContext& context) { return put_policy(context, services); }});
  router.add({"POST", "/api/v1/risk/breaker/resume", Role::kAdmin,
              [&services](RequestContext& context) { return resume_breaker(context, services); }});
}

}  // namespace sigtrader::api
