// /api/v1/labels: messages still to label, with the model's suggestion, and setting a label (the
// labeler is the caller's user name, as `sigtrader label` uses the person's).

#include <fmt/format.h>

#include "api/api_response.hpp"
#include "api/route_support.hpp"
#include "api/routes.hpp"
#include "market/data_file.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

net::ServerResponse list_labels(RequestContext& context, const RouteServices& services) {
  net::ServerResponse refusal;
  const auto limit = limit_param(context, 20, 200, refusal);
  if (!limit) return refusal;
  storage::UnlabeledQuery query;
  query.labeler = context.caller.user.name;
  query.limit = *limit;
  if (auto channel = context.query("channel"); channel && !channel->empty()) {
    query.channel = core::ChannelId(*channel);
  }
  auto messages = context.store.unlabeled_messages(query);
  if (!messages.ok()) return error_response(messages.error());
  array out;
  for (const storage::MessageRow& message : *messages) {
    value suggestion = nullptr;
    if (services.classifier) {
      const signals::Classification guess =
          signals::understand_post(message.text, *services.classifier).classification;
      suggestion = object{{"label", guess.label}, {"confidence", guess.confidence}};
    }
    out.push_back(object{{"id", message.id.value()},
                         {"channel_id", message.channel_id.str()},
                         {"ts", message.ts_event.ms()},
                         {"text", message.text},
                         {"suggestion", suggestion},
                         {"label", nullptr}});
  }
  return json_response(200, object{{"messages", out}});
}

net::ServerResponse put_label(RequestContext& context, const RouteServices& services) {
  const auto id = market::parse_integer(context.path.at("message_id"));
  if (!id) return error_response(400, "a message id is a number");
  net::ServerResponse refusal;
  const auto body = read_json_body(context, refusal);
  if (!body) return refusal;
  const auto label = string_member(*body, "label");
  if (!label || !signals::is_signal_label(*label)) {
    return error_response(422, "label must be long, short, update or none");
  }
  auto stored = context.store.put_label(storage::LabelRow{.id = {},
                                                          .message = storage::MessageRowId(*id),
                                                          .labeler = context.caller.user.name,
                                                          .label = *label,
                                                          .entities_json = "{}",
                                                          .created_at = services.clock.now()});
  if (!stored.ok()) {
    // The store refuses a label of a message that does not exist (a foreign key).
    if (stored.error().code() == core::ErrorCode::kNotFound ||
        stored.error().code() == core::ErrorCode::kStorage) {
      return error_response(404, fmt::format("no message {}", *id));
    }
    return error_response(stored.error());
  }
  return json_response(200, object{{"message_id", *id}, {"label", *label}});
}

}  // namespace

void add_label_routes(Router& router, const RouteServices& services) {
  router.add({"GET", "/api/v1/labels", Role::kViewer,
              [&services](RequestContext& context) { return list_labels(context, services); }});
  router.add({"PUT", "/api/v1/labels/{message_id}", Role::kTrader,
              [&services](RequestContext& context) { return put_label(context, services); }});
}

}  // namespace sigtrader::api
