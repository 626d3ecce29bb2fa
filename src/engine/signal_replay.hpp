#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>

#include "bus/events.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/signal_linker.hpp"
#include "signals/signal_pipeline.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace sigtrader::engine {

// Which stored posts a replay reads.
struct SignalReplayOptions {
  std::optional<core::ChannelId> channel;  // std::nullopt: every channel
  core::Timestamp from = core::Timestamp::from_ns(0);
  core::Timestamp to = core::Timestamp::from_ns(std::numeric_limits<std::int64_t>::max());
  signals::LinkerOptions linker;
  std::size_t page_size = 1000;  // versions read from the store at a time
};

// Replays stored posts as they became visible (DESIGN.md §2): every text of every post, in
// ts_init order (ties by message row, then version), through a SignalPipeline, handing each
// SignalEvent to `on_event`. A consumer at time t has seen only the texts with ts_init <= t: the
// edit of a post arrives as its own event (version n, with what changed) at the edit's ts_init
// and never alters an earlier event. Returns how many events were handed on.
core::Result<std::int64_t> replay_signals(
    storage::Store& store, const signals::SignalClassifier& classifier,
    const SignalReplayOptions& options,
    const std::function<void(const bus::SignalEvent&)>& on_event);

// The pipeline's text of a stored post version.
signals::PostText post_text(const storage::PostVersionRow& row);

// For an edit (version > 1) of a post the pipeline does not remember (its earlier text came
// before the replay's start): reads the previous version from the store into the pipeline's
// memory, without an event, so the edit can say what changed.
core::Status recall_previous_version(storage::Store& store, signals::SignalPipeline& pipeline,
                                     const storage::PostVersionRow& row);

}  // namespace sigtrader::engine
