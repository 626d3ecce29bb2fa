// /api/v1 routes about signals: the timeline with each signal's risk decision, one signal with
// its parse, ingest-and-score, and channels with their statistics and trust.
#include <map>
#include <vector>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "api/api_response.hpp"
#include "api/route_support.hpp"
#include "api/routes.hpp"
#include "engine/channel_backtest.hpp"
#include "engine/signal_recorder.hpp"
#include "market/data_file.hpp"
#include "risk/sizer_edge.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::api {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

constexpr std::size_t kMaxPostBytes = 16 * 1024;

template <typename Prices>
array prices_json(const Prices& prices) {
  array out;
  for (const auto& price : prices)
    out.emplace_back(price.to_string());
  return out;
}

// The latest decision the caller's risk engine took on each of the posts that has one, from the
// risk journal in one query. A journal that cannot be read leaves every post undecided rather
// than failing the answer.
std::map<storage::PostKey, storage::RiskEventRow> latest_decisions(
    RequestContext& context, const std::vector<storage::PostKey>& posts) {
  std::map<storage::PostKey, storage::RiskEventRow> latest;
  auto decisions = context.store.latest_decisions_for_messages(context.caller.user.id, posts);
  if (!decisions.ok()) return latest;
  for (storage::PostDecision& decision : *decisions)
    latest.emplace(std::move(decision.post), std::move(decision.decision));
  return latest;
}

// The latest decision on the post a signal was read from; nullptr for none.
const storage::RiskEventRow* decision_on(
    const std::map<storage::PostKey, storage::RiskEventRow>& latest,
    const storage::SignalRow& signal, std::optional<core::MessageId> message_id) {
  if (!message_id) return nullptr;
  const auto it = latest.find({.channel = signal.channel_id, .message = *message_id});
  return it == latest.end() ? nullptr : &it->second;
}

// The decision taken on a signal's post, or "none" for nullptr.
object decision_json(const storage::RiskEventRow* latest) {
  if (latest == nullptr) return object{{"kind", "none"}, {"reasons", array{}}};
  std::string kind = latest->kind.substr(std::string_view("decision_").size());
  array reasons;
  if (!latest->reason.empty()) reasons.emplace_back(latest->reason);
  return object{{"kind", kind}, {"reasons", reasons}, {"ts", latest->ts.ms()}};
}

object signal_json(const storage::SignalRow& signal, std::optional<core::MessageId> message_id,
                   const storage::RiskEventRow* latest_decision) {
  return object{
      {"id", signal.id.value()},
      {"channel_id", signal.channel_id.str()},
      {"message_id", message_id ? value(message_id->value()) : value(nullptr)},
      {"ts", signal.ts_init.ms()},
      {"label", signal.label},
      {"confidence", signal.confidence},
      {"classifier", signal.classifier},
      {"symbol", signal.symbol ? value(signal.symbol->to_string()) : value(nullptr)},
      {"side", signal.side ? value(core::to_string(*signal.side)) : value(nullptr)},
      {"entries", prices_json(signal.entries)},
      {"targets", prices_json(signal.targets)},
      {"stop_loss", signal.stop_loss ? value(signal.stop_loss->to_string()) : value(nullptr)},
      {"leverage", signal.leverage},
      {"update_kind", signal.update_kind ? value(*signal.update_kind) : value(nullptr)},
      {"decision", decision_json(latest_decision)},
  };
}

net::ServerResponse list_signals(RequestContext& context) {
  net::ServerResponse refusal;
  storage::SignalQuery query;
  const auto limit = limit_param(context, 100, 500, refusal);
  query.from = time_param(context, "from", refusal);
  query.to = time_param(context, "to", refusal);
  if (refusal.status != 200) return refusal;
  query.limit = *limit;
  if (auto channel = context.query("channel"); channel && !channel->empty()) {
    query.channel = core::ChannelId(*channel);
  }
  if (auto label = context.query("label"); label && !label->empty()) {
    if (!signals::is_signal_label(*label)) {
      return error_response(400, "label must be long, short, update or none");
    }
    query.label = *label;
  }
  if (auto before = context.query("before_id")) {
    const auto id = market::parse_integer(*before);
    if (!id) return error_response(400, "before_id must be a signal id");
    query.before = storage::SignalRowId(*id);
  }
  auto rows = context.store.list_signals(query);
  if (!rows.ok()) return error_response(rows.error());
  std::vector<storage::PostKey> posts;
  for (const storage::SignalListing& row : *rows) {
    if (row.message_id) {
      posts.push_back({.channel = row.signal.channel_id, .message = *row.message_id});
    }
  }
  const auto latest = latest_decisions(context, posts);
  array out;
  for (const storage::SignalListing& row : *rows) {
    out.push_back(
        signal_json(row.signal, row.message_id, decision_on(latest, row.signal, row.message_id)));
  }
  return json_response(200, object{{"signals", out}});
}

net::ServerResponse one_signal(RequestContext& context) {
  const auto id = market::parse_integer(context.path.at("id"));
  if (!id) return error_response(400, "a signal id is a number");
  auto row = context.store.find_signal_with_post(storage::SignalRowId(*id));
  if (!row.ok()) return error_response(404, fmt::format("no signal {}", *id));
  std::vector<storage::PostKey> post;
  if (row->message_id)
    post.push_back({.channel = row->signal.channel_id, .message = *row->message_id});
  const auto latest = latest_decisions(context, post);
  object out =
      signal_json(row->signal, row->message_id, decision_on(latest, row->signal, row->message_id));
  std::string text;
  if (row->message_id) {
    if (auto message = context.store.find_message(row->signal.channel_id, *row->message_id);
        message.ok()) {
      text = message->text;
    }
  }
  array warnings;
  for (const std::string& warning : row->signal.warnings)
    warnings.emplace_back(warning);
  out["text"] = text;
  out["parse"] = object{
      {"entry_market", row->signal.entry_market},
      {"margin_mode", row->signal.margin_mode ? value(*row->signal.margin_mode) : value(nullptr)},
      {"link_rule", row->signal.link_rule ? value(*row->signal.link_rule) : value(nullptr)},
      {"refers_to", row->signal.refers_to ? value(row->signal.refers_to->value()) : value(nullptr)},
      {"version", row->signal.version},
      {"warnings", warnings}};
  return json_response(200, out);
}

object parse_json(const signals::ParsedSignal& parsed) {
  array entries;
  for (const auto& entry : parsed.entries)
    entries.emplace_back(entry.value.to_string());
  array targets;
  for (const auto& target : parsed.targets)
    targets.emplace_back(target.value.to_string());
  array warnings;
  for (const std::string& warning : parsed.warnings)
    warnings.emplace_back(warning);
  return object{
      {"symbol", parsed.symbol ? value(parsed.symbol->to_string()) : value(nullptr)},
      {"side", parsed.side ? value(core::to_string(*parsed.side)) : value(nullptr)},
      {"entries", entries},
      {"entry_market", parsed.entry_market},
      {"targets", targets},
      {"stop_loss", parsed.stop_loss ? value(parsed.stop_loss->value.to_string()) : value(nullptr)},
      {"leverage", parsed.leverage ? value(*parsed.leverage) : value(nullptr)},
      {"update", parsed.update ? value(std::string(signals::to_string(parsed.update->kind)))
                               : value(nullptr)},
      {"warnings", warnings},
  };
}

// What the configured risk limits say about the post as an entry now, on the caller's paper
// account (its equity and open positions); "ignored" for what is not an entry.
object score_decision(RequestContext& context, const RouteServices& services,
                      const signals::UnderstoodPost& post, const core::ChannelId& channel) {
  const signals::ParsedSignal& parsed = post.parsed;
  const std::string& label = post.classification.label;
  const auto ignored = [](std::string reason) {
    return object{{"kind", "ignored"}, {"reasons", array{value(reason)}}, {"quantity", nullptr}};
  };
  if (label != "long" && label != "short") return ignored("not an entry signal: " + label);
  if (!parsed.symbol || !parsed.side) return ignored("no coin or direction was read");
  if (parsed.entries.empty()) return ignored("no entry price was read (a market entry needs one)");
  if (!services.risk) return ignored("no risk limits are configured");
  const auto account = active_account(context);
  auto snapshot =
      account
          ? context.store.latest_account_snapshot(context.caller.user.id, account->venue)
          : core::Result<storage::AccountSnapshotRow>(core::Error(core::ErrorCode::kNotFound, ""));
  if (!snapshot.ok()) return ignored("no paper account to size against yet");
  const core::Price entry(parsed.entries.front().value);
  risk::EntryRequest request;
  request.ts = services.clock.now();
  request.signal_ts = request.ts;
  request.channel = channel;
  request.symbol = *parsed.symbol;
  request.side = *parsed.side;
  request.entry = entry;
  if (parsed.stop_loss) {
    request.stop_loss = core::Price(parsed.stop_loss->value);
  }
  for (const auto& target : parsed.targets)
    request.targets.emplace_back(target.value);
  request.leverage = parsed.leverage.value_or(1);
  request.confidence = post.classification.confidence;
  request.warnings = parsed.warnings;
  risk::AccountView view;
  view.equity = snapshot->equity;
  view.peak_equity = snapshot->equity;
  view.day_start_equity = snapshot->equity;
  risk::RiskEngine engine(*services.risk);
  const risk::RiskDecision decision = engine.decide(
      request, view, engine::default_instrument(request.symbol, request.entry), request.entry);
  array reasons;
  for (const risk::RiskReason& reason : decision.reasons)
    reasons.emplace_back(reason.text);
  return object{{"kind", risk::to_string(decision.kind)},
                {"reasons", reasons},
                {"quantity", decision.quantity.to_string()}};
}

net::ServerResponse ingest_and_score(RequestContext& context, const RouteServices& services) {
  net::ServerResponse refusal;
  const auto body = read_json_body(context, refusal);
  if (!body) return refusal;
  const auto text = string_member(*body, "text");
  const auto channel_name = string_member(*body, "channel");
  if (!text || text->empty()) return error_response(400, "the body needs \"text\": the post");
  if (text->size() > kMaxPostBytes) {
    return error_response(413, fmt::format("a post is at most {} bytes", kMaxPostBytes));
  }
  if (!channel_name || channel_name->empty()) {
    return error_response(400, "the body needs \"channel\": where the post came from");
  }
  bool dry_run = true;
  if (const auto it = body->find("dry_run"); it != body->end()) {
    if (!it->value().is_bool()) return error_response(400, "dry_run must be true or false");
    dry_run = it->value().as_bool();
  }
  if (!services.classifier) {
    return error_response(503, "no signal classifier is loaded (sigtrader train)");
  }
  // Channels named by the caller live under "api:" unless they name their source already.
  const core::ChannelId channel(
      channel_name->find(':') == std::string::npos ? "api:" + *channel_name : *channel_name);
  const signals::UnderstoodPost post = signals::understand_post(*text, *services.classifier);
  object out{{"classification", object{{"label", post.classification.label},
                                       {"confidence", post.classification.confidence},
                                       {"classifier", post.classification.classifier}}},
             {"parse", parse_json(post.parsed)},
             {"decision", score_decision(context, services, post, channel)},
             {"stored", false},
             {"signal_id", nullptr}};
  if (dry_run) return json_response(200, out);
  if (!allows(context.caller.role, Role::kTrader)) {
    return error_response(403, "storing a post needs the trader role");
  }
  // Stored like any other post: the running engine reads new signals rows and trades them.
  const core::Timestamp now = services.clock.now();
  auto stored = context.store.in_transaction([&]() -> core::Status {
    SIGTRADER_RETURN_IF_ERROR(
        context.store.upsert_channel(storage::ChannelRow{.id = channel,
                                                         .source = "api",
                                                         .title = *channel_name,
                                                         .created_at = now,
                                                         .updated_at = now}));
    storage::MessageRow message;
    message.channel_id = channel;
    // Microseconds of the arrival: unique per channel for anything but a burst within 1 µs.
    message.message_id = core::MessageId(now.ns() / 1000);
    message.ts_event = now;
    message.ts_init = now;
    message.text = *text;
    SIGTRADER_TRY(const storage::InsertedMessage inserted, context.store.insert_message(message));
    engine::SignalRecorder recorder(context.store, *services.classifier);
    if (auto recorded = recorder.record_channel(channel, now); !recorded.ok()) {
      return recorded.error();
    }
    SIGTRADER_TRY(const auto signals, context.store.signals_for_message(inserted.id));
    if (!signals.empty()) out["signal_id"] = signals.back().id.value();
    return {};
  });
  if (!stored.ok()) return error_response(stored.error());
  out["stored"] = true;
  return json_response(201, out);
}

net::ServerResponse channels(RequestContext& context) {
  auto rows = context.store.list_channels();
  if (!rows.ok()) return error_response(rows.error());
  auto stats = context.store.list_channel_stats();
  if (!stats.ok()) return error_response(stats.error());
  std::map<std::string, storage::ChannelStatsRow> by_channel;
  for (storage::ChannelStatsRow& row : *stats)
    by_channel.emplace(row.channel_id.str(), std::move(row));
  const risk::TrustWeighting weighting;
  array out;
  for (const storage::ChannelRow& channel : *rows) {
    object entry{{"id", channel.id.str()}, {"title", channel.title}, {"source", channel.source}};
    const auto it = by_channel.find(channel.id.str());
    const auto optional = [](const auto& field) -> value {
      if (!field) return nullptr;
      return value(*field);
    };
    if (it != by_channel.end()) {
      const storage::ChannelStatsRow& row = it->second;
      entry["messages"] = row.messages;
      entry["longs"] = row.longs;
      entry["shorts"] = row.shorts;
      entry["updates"] = row.updates;
      entry["nones"] = row.nones;
      entry["wins"] = optional(row.wins);
      entry["losses"] = optional(row.losses);
      entry["win_rate"] = optional(row.win_rate);
      entry["avg_r"] = optional(row.avg_r);
      entry["expectancy"] = optional(row.expectancy);
      // The size multiplier the risk engine's trust weighting gives this record (1 = neutral).
      double trust = 1.0;
      if (row.win_rate && row.avg_win_r && row.wins && row.losses) {
        trust = risk::trust_multiplier(
            weighting, risk::ChannelTrust{*row.win_rate, *row.avg_win_r,
                                          static_cast<int>(*row.wins + *row.losses)});
      }
      entry["trust"] = trust;
    } else {
      for (const char* field : {"messages", "longs", "shorts", "updates", "nones"})
        entry[field] = 0;
      for (const char* field : {"wins", "losses", "win_rate", "avg_r", "expectancy"})
        entry[field] = nullptr;
      entry["trust"] = 1.0;
    }
    out.push_back(std::move(entry));
  }
  return json_response(200, object{{"channels", out}});
}

}  // namespace

void add_signal_routes(Router& router, const RouteServices& services) {
  router.add({"GET", "/api/v1/signals", Role::kViewer, list_signals});
  router.add({"GET", "/api/v1/signals/{id}", Role::kViewer, one_signal});
  router.add(
      {"POST", "/api/v1/signals/ingest-and-score", Role::kViewer,
       [&services](RequestContext& context) { return ingest_and_score(context, services); }});
  router.add({"GET", "/api/v1/channels", Role::kViewer, channels});
}

}  // namespace sigtrader::api
