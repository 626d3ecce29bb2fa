#include "signals/signal_pipeline.hpp"

namespace sigtrader::signals {
namespace {

// How many posts' latest readings are kept for comparing an edit with; an edit of an older post
// is compared with what the caller recall()s.
constexpr std::size_t kRememberedPosts = 16384;

std::vector<core::Price> prices(const std::vector<PriceField>& fields) {
  std::vector<core::Price> out;
  out.reserve(fields.size());
  for (const PriceField& field : fields)
    out.emplace_back(field.value);
  return out;
}

bool is_position(const std::string& label) {
  return label == "long" || label == "short";
}

SignalFields fields_of(const UnderstoodPost& understood, const SignalLink& link) {
  const ParsedSignal& parsed = understood.parsed;
  SignalFields fields{
      .label = understood.classification.label,
      .symbol = parsed.symbol,
      .side = parsed.side,
      .entries = prices(parsed.entries),
      .entry_market = parsed.entry_market,
      .targets = prices(parsed.targets),
      .stop_loss =
          parsed.stop_loss ? std::optional<core::Price>(parsed.stop_loss->value) : std::nullopt,
      .leverage = parsed.leverage,
      .margin_mode = parsed.margin_mode,
      .update_kind = std::nullopt,
      .refers_to = std::nullopt,
  };
  if (fields.label == "update") {
    if (parsed.update) fields.update_kind = std::string(to_string(parsed.update->kind));
    if (link.signal) {
      fields.refers_to = link.signal->message_id;
      // "TP1 hit ✅" is about the coin of the signal it follows.
      if (!fields.symbol) fields.symbol = link.signal->symbol;
      if (!fields.side) fields.side = link.signal->side;
    }
  }
  return fields;
}

bus::SignalEvent event_of(const PostText& post, const PostReading& reading) {
  const SignalFields& fields = reading.fields;
  return bus::SignalEvent{
      .header = {.ts_event = post.ts_event, .ts_init = post.ts_init, .trace_id = {}},
      .channel = post.channel,
      .message_id = post.message_id,
      .label = fields.label,
      .confidence = reading.understood.classification.confidence,
      .symbol = fields.symbol,
      .side = fields.side,
      .entries = fields.entries,
      .targets = fields.targets,
      .stop_loss = fields.stop_loss,
      .leverage = fields.leverage.value_or(1),
      .version = post.version,
      .update_kind = fields.update_kind,
      .refers_to = fields.refers_to,
      .link_rule = reading.link.signal ? std::optional<std::string>(to_string(reading.link.rule))
                                       : std::nullopt,
      .changed = reading.changed,
  };
}

}  // namespace

std::vector<std::string> changed_fields(const SignalFields& before, const SignalFields& after) {
  std::vector<std::string> changed;
  const auto check = [&](bool differs, const char* name) {
    if (differs) changed.emplace_back(name);
  };
  check(before.label != after.label, "label");
  check(before.symbol != after.symbol, "symbol");
  check(before.side != after.side, "side");
  check(before.entries != after.entries, "entries");
  check(before.entry_market != after.entry_market, "entry_market");
  check(before.targets != after.targets, "targets");
  check(before.stop_loss != after.stop_loss, "stop_loss");
  check(before.leverage != after.leverage, "leverage");
  check(before.margin_mode != after.margin_mode, "margin_mode");
  check(before.update_kind != after.update_kind, "update_kind");
  check(before.refers_to != after.refers_to, "refers_to");
  return changed;
}

SignalPipeline::SignalPipeline(const SignalClassifier& classifier, LinkerOptions options,
                               bus::MessageBus* bus)
    : classifier_(classifier), linker_(options), bus_(bus) {}

PostReading SignalPipeline::read(const PostText& post) const {
  PostReading reading{understand_post(post.text, classifier_), {}, {}, {}, {}};
  if (reading.understood.classification.label == "update") {
    reading.link =
        linker_.link(post.channel, post.reply_to, reading.understood.parsed.symbol, post.ts_init);
  }
  reading.fields = fields_of(reading.understood, reading.link);
  if (post.version > 1) {
    const auto previous = last_fields_.find(PostKey{post.channel.str(), post.message_id.value()});
    if (previous != last_fields_.end()) {
      reading.changed = changed_fields(previous->second, reading.fields);
    }
  }
  reading.event = event_of(post, reading);
  return reading;
}

void SignalPipeline::accept(const PostText& post, const PostReading& reading, std::int64_t key) {
  remember_fields(post, reading.fields);
  remember_link(post, reading.fields, reading.link.signal, key);
  if (bus_ != nullptr) bus_->publish(reading.event);
}

PostReading SignalPipeline::process(const PostText& post, std::int64_t key) {
  PostReading reading = read(post);
  accept(post, reading, key);
  return reading;
}

void SignalPipeline::recall(const PostText& post, const SignalFields& fields,
                            const std::optional<RememberedSignal>& linked_to, std::int64_t key) {
  remember_fields(post, fields);
  remember_link(post, fields, linked_to, key);
}

bool SignalPipeline::remembers(const core::ChannelId& channel, core::MessageId message) const {
  return last_fields_.count(PostKey{channel.str(), message.value()}) > 0;
}

void SignalPipeline::remember_fields(const PostText& post, const SignalFields& fields) {
  PostKey key{post.channel.str(), post.message_id.value()};
  const auto [entry, inserted] = last_fields_.insert_or_assign(key, fields);
  if (!inserted) return;
  remembered_order_.push_back(std::move(key));
  if (remembered_order_.size() > kRememberedPosts) {
    last_fields_.erase(remembered_order_.front());
    remembered_order_.pop_front();
  }
}

void SignalPipeline::remember_link(const PostText& post, const SignalFields& fields,
                                   const std::optional<RememberedSignal>& linked_to,
                                   std::int64_t key) {
  if (is_position(fields.label)) {
    linker_.remember_signal(post.channel, RememberedSignal{.message_id = post.message_id,
                                                           .symbol = fields.symbol,
                                                           .side = fields.side,
                                                           .ts_init = post.ts_init,
                                                           .key = key});
  } else if (fields.label == "update" && linked_to) {
    linker_.remember_update(post.channel, post.message_id, *linked_to);
  } else {
    // Chatter, or an update that links nowhere: a reply to it links by the other rules.
    linker_.forget(post.channel, post.message_id);
  }
}

}  // namespace sigtrader::signals
