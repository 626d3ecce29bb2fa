#include "api/route_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "api/api_response.hpp"
#include "engine/paper_names.hpp"
#include "market/data_file.hpp"

namespace sigtrader::api {
std::optional<boost::json::object> read_json_body(const RequestContext& context,
                                                  net::ServerResponse& refusal) {
  const auto type = context.request.header("Content-Type");
  if (!type || !type->starts_with("application/json")) {
    refusal = error_response(415, "send the body as JSON with Content-Type: application/json");
    return std::nullopt;
  }
  boost::system::error_code error;
  boost::json::value body = boost::json::parse(context.request.body, error);
  if (error) {
    refusal = error_response(400, fmt::format("the body is not valid JSON: {}", error.message()));
    return std::nullopt;
  }
  if (!body.is_object()) {
    refusal = error_response(400, "the body must be a JSON object");
    return std::nullopt;
  }
  return std::move(body.as_object());
}

std::optional<std::string> string_member(const boost::json::object& object, std::string_view name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->value().is_string()) return std::nullopt;
  return std::string(it->value().as_string());
}

std::optional<std::size_t> limit_param(const RequestContext& context, std::size_t fallback,
                                       std::size_t max, net::ServerResponse& refusal) {
  const auto text = context.query("limit");
  if (!text) return fallback;
  const auto value = market::parse_integer(*text);
  if (!value || *value < 1 || static_cast<std::size_t>(*value) > max) {
    refusal = error_response(400, fmt::format("limit must be a whole number from 1 to {}", max));
    return std::nullopt;
  }
  return static_cast<std::size_t>(*value);
}

std::optional<core::Timestamp> time_param(const RequestContext& context, std::string_view name,
                                          net::ServerResponse& refusal) {
  const auto text = context.query(name);
  if (!text) return std::nullopt;
  const auto value = market::parse_integer(*text);
  if (!value) {
    refusal = error_response(
        400, fmt::format("{} must be milliseconds since 1970-01-01 UTC, got '{}'", name, *text));
    return std::nullopt;
  }
  return core::Timestamp::from_ms(*value);
}

std::optional<ActiveAccount> active_account(storage::Store& store, core::UserId user) {
  auto session = store.latest_paper_session(user);
  if (!session.ok()) return std::nullopt;
  ActiveAccount account;
  account.venue = engine::paper_venue(session->id);
  account.order_prefix = engine::paper_client_prefix(session->id);
  boost::system::error_code error;
  boost::json::value state = boost::json::parse(session->state_json, error);
  if (!error && state.is_object()) account.state = std::move(state.as_object());
  account.session = std::move(*session);
  return account;
}

std::optional<ActiveAccount> active_account(const RequestContext& context) {
  return active_account(context.store, context.caller.user.id);
}

const boost::json::object* checkpoint_breaker(const ActiveAccount& account) {
  const auto risk = account.state.find("risk");
  if (risk == account.state.end() || !risk->value().is_object()) return nullptr;
  const boost::json::object& block = risk->value().get_object();
  const auto breaker = block.find("breaker");
  return breaker == block.end() ? nullptr : breaker->value().if_object();
}

boost::json::object command_json(const storage::OperatorCommandRow& command) {
  boost::system::error_code error;
  boost::json::value args = boost::json::parse(command.args_json, error);
  return boost::json::object{
      {"id", command.id.value()},
      {"kind", command.kind},
      {"args", error ? boost::json::value(boost::json::object{}) : std::move(args)},
      {"status", command.status},
      {"result", command.result},
      {"created_at", command.created_at.ms()},
      {"applied_at", ms(command.applied_at)},
  };
}

net::ServerResponse queue_command(RequestContext& context, const core::Clock& clock,
                                  std::string_view kind, boost::json::object args) {
  storage::OperatorCommandRow command;
  command.user_id = context.caller.user.id;
  command.kind = std::string(kind);
  command.args_json = boost::json::serialize(args);
  command.who = fmt::format("{} ({})", context.caller.user.name, context.caller.key_prefix);
  command.created_at = clock.now();
  auto id = context.store.insert_operator_command(command);
  if (!id.ok()) return error_response(id.error());
  command.id = *id;
  return json_response(202, boost::json::object{{"command", command_json(command)}});
}

boost::json::value ms(std::optional<core::Timestamp> ts) {
  if (!ts) return nullptr;
  return ts->ms();
}

}  // namespace sigtrader::api
