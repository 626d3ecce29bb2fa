#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/signal_parser.hpp"
#include "storage/store.hpp"

namespace sigtrader::app {

// One message as the labeler sees it: the post, where it came from, what the parser read and what
// the classifier suggests.
struct LabelCard {
  storage::MessageRow message;
  std::string channel_title;
  signals::ParsedSignal parsed;
  signals::Classification suggestion;
};

struct LabelProgress {
  std::int64_t labeled = 0;  // by this labeler
  std::int64_t total = 0;    // messages stored (of the chosen channel)
};

struct LabelSessionOptions {
  std::string labeler{};
  std::optional<core::ChannelId> channel{};  // only this channel's messages
};

// The labeling tool without a terminal (`sigtrader label` draws it and feeds it keys): walks the
// messages the labeler has not labeled yet, by id, and stores each label the moment it is given,
// with the labeler and the clock's now, so quitting at any point loses nothing. Skipped messages
// are not shown again in this session (the next session shows them again); a search or an undo
// may jump backwards, and the walk wraps around to messages passed over, so the session ends
// only when every message is labeled or skipped.
class LabelSession {
 public:
  LabelSession(storage::Store& store, const signals::SignalClassifier& classifier,
               const core::Clock& clock, LabelSessionOptions options);

  // Loads the progress and the first unlabeled message.
  core::Status start();

  // True when no unlabeled, unskipped message is left.
  bool done() const { return !current_.has_value(); }
  // The message on screen; only valid when !done().
  const LabelCard& current() const;
  const LabelProgress& progress() const { return progress_; }
  std::size_t skipped() const { return skipped_.size(); }
  const std::string& labeler() const { return options_.labeler; }
  // One line saying what the last action did ("#42 labeled long"), or why it did nothing.
  const std::string& notice() const { return notice_; }

  // Labels the message on screen with the suggestion, then shows the next one.
  core::Status accept();
  // Labels the message on screen with `label` (long, short, update or none; anything else is
  // kInvalidArgument), then shows the next one.
  core::Status choose(std::string_view label);
  // Deletes the last label given in this session and shows its message again.
  core::Status undo();
  // Leaves the message on screen unlabeled and shows the next one.
  core::Status skip();
  // Shows the next unlabeled message after the one on screen whose text contains `fragment`
  // (ASCII letters in any case), wrapping around to the first; stays put when there is none.
  core::Status search(std::string_view fragment);

 private:
  core::Status label_current(const std::string& label, bool suggested);
  // The first unlabeled message with an id after `after` (containing `fragment` when not empty),
  // leaving out the skipped ones unless `include_skipped`.
  core::Result<std::optional<storage::MessageRow>> find_unlabeled(storage::MessageRowId after,
                                                                  std::string_view fragment,
                                                                  bool include_skipped);
  // Shows the first unlabeled, unskipped message after `after`, wrapping around; done when none.
  core::Status show_next(storage::MessageRowId after);
  core::Result<LabelCard> make_card(storage::MessageRow message);
  core::Status refresh_progress();

  storage::Store& store_;
  const signals::SignalClassifier& classifier_;
  const core::Clock& clock_;
  LabelSessionOptions options_;
  std::optional<LabelCard> current_;
  LabelProgress progress_;
  std::set<storage::MessageRowId> skipped_;
  std::vector<LabelCard> labeled_;  // labeled in this session, newest last: what undo takes back
  std::map<core::ChannelId, std::string> channel_titles_;
  std::string notice_;
};

}  // namespace sigtrader::app
