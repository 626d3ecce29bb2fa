#pragma once

#include <cstdint>

#include "bus/message_bus.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/signal_linker.hpp"
#include "storage/store.hpp"

namespace sigtrader::engine {

// What record_channel() stored: one signals row per text read.
struct RecordedSignals {
  std::int64_t longs = 0;
  std::int64_t shorts = 0;
  std::int64_t linked_updates = 0;
  std::int64_t unlinked_updates = 0;
  std::int64_t nones = 0;

  RecordedSignals& operator+=(const RecordedSignals& other);
};

// Turns stored posts into stored signals: every version of every post gets one signals row (its
// label, fields, and for an update the signal row it refers to and the rule that linked it),
// written in the order a live listener would have read them (ts_init, then message, then
// version) so that an update links only to what was visible before it. Texts that already have a
// row are read again only to rebuild the linker's memory; running it twice stores nothing twice.
class SignalRecorder {
 public:
  // `bus` may be null; when given, the event of every newly stored reading is published on it.
  SignalRecorder(storage::Store& store, const signals::SignalClassifier& classifier,
                 signals::LinkerOptions options = {}, bus::MessageBus* bus = nullptr);

  // Records the texts of `channel` visible from `from` on, in one transaction. The signals of the
  // symbol window before `from` are read first, so that updates can link to them; a reply to an
  // older post is looked up in the store.
  core::Result<RecordedSignals> record_channel(const core::ChannelId& channel,
                                               core::Timestamp from);

 private:
  storage::Store& store_;
  const signals::SignalClassifier& classifier_;
  signals::LinkerOptions options_;
  bus::MessageBus* bus_;
};

}  // namespace sigtrader::engine
