#include "app/timed_post_feed.hpp"

#include <algorithm>
#include <utility>

#include "app/message_import.hpp"
#include "core/clock.hpp"

namespace sigtrader::app {

TimedPostFeed::TimedPostFeed(std::vector<signals::Message> posts, storage::Store& store,
                             const signals::SignalClassifier& classifier)
    : posts_(std::move(posts)), store_(store), classifier_(classifier) {
  std::stable_sort(
      posts_.begin(), posts_.end(),
      [](const signals::Message& a, const signals::Message& b) { return a.ts < b.ts; });
}

core::Result<std::span<const signals::Message>> TimedPostFeed::store_until(core::Timestamp until) {
  const std::size_t first = next_;
  std::size_t end = next_;
  while (end < posts_.size() && posts_[end].ts <= until)
    ++end;
  if (end == first) return std::span<const signals::Message>();
  // The importer stamps the channel rows with the wall time, as `sigtrader import` does.
  core::LiveClock clock;
  MessageImporter importer(store_, clock, &classifier_);
  for (std::size_t i = first; i < end; ++i) {
    signals::Message copy = posts_[i];
    SIGTRADER_RETURN_IF_ERROR(importer.add(std::move(copy)));
  }
  SIGTRADER_RETURN_IF_ERROR(importer.flush());
  SIGTRADER_RETURN_IF_ERROR(importer.record_signals());
  next_ = end;
  return std::span<const signals::Message>(posts_.data() + first, end - first);
}

}  // namespace sigtrader::app
