#include "engine/signal_replay.hpp"

#include <utility>
#include <vector>

namespace sigtrader::engine {

signals::PostText post_text(const storage::PostVersionRow& row) {
  return signals::PostText{
      .channel = row.channel_id,
      .message_id = row.message_id,
      .reply_to = row.reply_to,
      .ts_event = row.ts_event,
      .ts_init = row.ts_init,
      .version = row.version,
      .text = row.text,
  };
}

core::Status recall_previous_version(storage::Store& store, signals::SignalPipeline& pipeline,
                                     const storage::PostVersionRow& row) {
  if (row.version <= 1 || pipeline.remembers(row.channel_id, row.message_id)) return {};
  SIGTRADER_TRY(const std::vector<storage::MessageVersionRow> versions,
                store.message_versions(row.message));
  for (const storage::MessageVersionRow& version : versions) {
    if (version.version != row.version - 1) continue;
    signals::PostText previous = post_text(row);
    previous.version = version.version;
    previous.ts_init = version.ts_init;
    previous.text = version.text;
    const signals::PostReading reading = pipeline.read(previous);
    pipeline.recall(previous, reading.fields, reading.link.signal, 0);
  }
  return {};
}

core::Result<std::int64_t> replay_signals(
    storage::Store& store, const signals::SignalClassifier& classifier,
    const SignalReplayOptions& options,
    const std::function<void(const bus::SignalEvent&)>& on_event) {
  signals::SignalPipeline pipeline(classifier, options.linker);
  std::optional<storage::PostVersionCursor> cursor;
  std::int64_t events = 0;
  for (;;) {
    SIGTRADER_TRY(const std::vector<storage::PostVersionRow> page,
                  store.post_versions_between(options.channel, options.from, options.to,
                                              options.page_size, cursor));
    for (const storage::PostVersionRow& row : page) {
      SIGTRADER_RETURN_IF_ERROR(recall_previous_version(store, pipeline, row));
      const signals::PostReading reading = pipeline.process(post_text(row));
      if (on_event) on_event(reading.event);
      ++events;
    }
    if (page.size() < options.page_size || page.empty()) return events;
    cursor = storage::PostVersionCursor{.ts_init = page.back().ts_init,
                                        .message = page.back().message,
                                        .version = page.back().version};
  }
}

}  // namespace sigtrader::engine
