#include "engine/signal_recorder.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "engine/signal_replay.hpp"
#include "signals/signal_pipeline.hpp"

namespace sigtrader::engine {
namespace {

constexpr std::size_t kPageSize = 1000;

storage::SignalRow signal_row(const storage::PostVersionRow& version,
                              const signals::PostReading& reading) {
  const signals::SignalFields& fields = reading.fields;
  const signals::Classification& classification = reading.understood.classification;
  std::optional<storage::SignalRowId> refers_to;
  std::optional<std::string> link_rule;
  if (reading.link.signal) {
    if (reading.link.signal->key != 0) refers_to = storage::SignalRowId(reading.link.signal->key);
    link_rule = std::string(signals::to_string(reading.link.rule));
  }
  return storage::SignalRow{
      .id = {},
      .message = version.message,
      .channel_id = version.channel_id,
      .ts_event = version.ts_event,
      .ts_init = version.ts_init,
      .label = fields.label,
      .confidence = classification.confidence,
      .classifier = classification.classifier,
      .symbol = fields.symbol,
      .side = fields.side,
      .entries = fields.entries,
      .targets = fields.targets,
      .stop_loss = fields.stop_loss,
      .leverage = fields.leverage.value_or(1),
      .trace_id = std::nullopt,
      .version = version.version,
      .update_kind = fields.update_kind,
      .refers_to = refers_to,
      .link_rule = std::move(link_rule),
      .warnings = reading.understood.parsed.warnings,
      .entry_market = fields.entry_market,
      .margin_mode = fields.margin_mode,
  };
}

void count(const signals::PostReading& reading, RecordedSignals& recorded) {
  const std::string& label = reading.fields.label;
  if (label == "long") {
    ++recorded.longs;
  } else if (label == "short") {
    ++recorded.shorts;
  } else if (label == "update") {
    ++(reading.link.linked() ? recorded.linked_updates : recorded.unlinked_updates);
  } else {
    ++recorded.nones;
  }
}

// A reply to a post older than the linker remembers: the replied-to post's signal as it read at
// `post.ts_init`, from the store, made known to the linker. Returns whether there was one.
core::Result<bool> recall_replied_signal(storage::Store& store, signals::SignalPipeline& pipeline,
                                         const signals::PostText& post) {
  auto parent = store.find_message(post.channel, *post.reply_to);
  if (!parent.ok()) {
    if (parent.error().code() == core::ErrorCode::kNotFound) return false;
    return parent.error();
  }
  SIGTRADER_TRY(const std::vector<storage::SignalRow> readings,
                store.signals_for_message(parent->id));
  const storage::SignalRow* visible = nullptr;
  for (const storage::SignalRow& reading : readings) {
    if (reading.ts_init > post.ts_init) continue;
    if (visible == nullptr || reading.version >= visible->version) visible = &reading;
  }
  if (visible == nullptr || (visible->label != "long" && visible->label != "short")) return false;
  pipeline.linker().remember_signal(post.channel,
                                    signals::RememberedSignal{.message_id = *post.reply_to,
                                                              .symbol = visible->symbol,
                                                              .side = visible->side,
                                                              .ts_init = visible->ts_init,
                                                              .key = visible->id.value()});
  return true;
}

}  // namespace

RecordedSignals& RecordedSignals::operator+=(const RecordedSignals& other) {
  longs += other.longs;
  shorts += other.shorts;
  linked_updates += other.linked_updates;
  unlinked_updates += other.unlinked_updates;
  nones += other.nones;
  return *this;
}

SignalRecorder::SignalRecorder(storage::Store& store, const signals::SignalClassifier& classifier,
                               signals::LinkerOptions options, bus::MessageBus* bus)
    : store_(store), classifier_(classifier), options_(options), bus_(bus) {}

core::Result<RecordedSignals> SignalRecorder::record_channel(const core::ChannelId& channel,
                                                             core::Timestamp from) {
  RecordedSignals recorded;
  const core::Status status = store_.in_transaction([&]() -> core::Status {
    // Events are published only for readings stored now, not for those rebuilt from the store.
    signals::SignalPipeline pipeline(classifier_, options_, nullptr);
    const core::Timestamp start =
        std::max(core::Timestamp::from_ns(0), from - options_.symbol_window);
    const core::Timestamp end = core::Timestamp::from_ns(std::numeric_limits<std::int64_t>::max());
    std::optional<storage::PostVersionCursor> cursor;
    for (;;) {
      SIGTRADER_TRY(const std::vector<storage::PostVersionRow> page,
                    store_.post_versions_between(channel, start, end, kPageSize, cursor));
      for (const storage::PostVersionRow& version : page) {
        SIGTRADER_RETURN_IF_ERROR(recall_previous_version(store_, pipeline, version));
        const signals::PostText post = post_text(version);
        signals::PostReading reading = pipeline.read(post);
        auto stored = store_.signal_of_version(version.message, version.version);
        if (stored.ok()) {
          pipeline.recall(post, reading.fields, reading.link.signal, stored->id.value());
          continue;
        }
        if (stored.error().code() != core::ErrorCode::kNotFound) return stored.error();
        if (reading.fields.label == "update" && post.reply_to &&
            !pipeline.linker().knows(channel, *post.reply_to)) {
          SIGTRADER_TRY(const bool recalled, recall_replied_signal(store_, pipeline, post));
          if (recalled) reading = pipeline.read(post);
        }
        SIGTRADER_TRY(const storage::SignalRowId id,
                      store_.insert_signal(signal_row(version, reading)));
        pipeline.accept(post, reading, id.value());
        if (bus_ != nullptr) bus_->publish(reading.event);
        count(reading, recorded);
      }
      if (page.size() < kPageSize) return {};
      cursor = storage::PostVersionCursor{.ts_init = page.back().ts_init,
                                          .message = page.back().message,
                                          .version = page.back().version};
    }
  });
  if (!status.ok()) {
    return status.error().with_context("reading the signals of channel '" + channel.str() + "'");
  }
  return recorded;
}

}  // namespace sigtrader::engine
