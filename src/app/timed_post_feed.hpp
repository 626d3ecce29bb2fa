#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "signals/message.hpp"
#include "signals/signal_classifier.hpp"
#include "storage/store.hpp"

namespace sigtrader::app {

// Channel posts that arrive as simulated time reaches them (the demo's channels posting live):
// each post is stored, and read into its signals row, once the run is about to process an instant
// at or after its post time, through the same importer as `sigtrader import`. Storing a post
// again adds nothing, so a resumed run may start from the beginning.
class TimedPostFeed {
 public:
  // `posts` in any order; they are taken in post-time order (ties in the order given).
  TimedPostFeed(std::vector<signals::Message> posts, storage::Store& store,
                const signals::SignalClassifier& classifier);

  // Stores every post not stored yet whose post time is at or before `until`; returns them.
  core::Result<std::span<const signals::Message>> store_until(core::Timestamp until);

  std::size_t stored() const { return next_; }
  std::size_t size() const { return posts_.size(); }

 private:
  std::vector<signals::Message> posts_;
  storage::Store& store_;
  const signals::SignalClassifier& classifier_;
  std::size_t next_ = 0;
};

}  // namespace sigtrader::app
