#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "signals/signal_classifier.hpp"
#include "signals/signal_linker.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::signals {

// One text of a post as it became visible: the text first seen (version 1) or a later edit.
struct PostText {
  core::ChannelId channel;
  core::MessageId message_id;
  std::optional<core::MessageId> reply_to;
  core::Timestamp ts_event;  // posted
  core::Timestamp ts_init;   // when this text became visible to sigtrader
  int version = 1;
  std::string text;
};

// What a post says, field by field, as a SignalEvent carries it: the part of a reading that an
// edit can change. An update that names no coin takes the coin and side of its signal.
struct SignalFields {
  std::string label;  // long | short | update | none
  std::optional<core::Symbol> symbol = std::nullopt;
  std::optional<core::PositionSide> side = std::nullopt;
  std::vector<core::Price> entries = {};
  bool entry_market = false;
  std::vector<core::Price> targets = {};
  std::optional<core::Price> stop_loss = std::nullopt;
  std::optional<int> leverage = std::nullopt;
  std::optional<std::string> margin_mode = std::nullopt;
  // target_hit | stop_hit | move_stop | close | ...
  std::optional<std::string> update_kind = std::nullopt;
  std::optional<core::MessageId> refers_to = std::nullopt;  // an update's signal

  friend bool operator==(const SignalFields&, const SignalFields&) = default;
};

// The names of the fields that differ ("stop_loss", "targets"), in the order SignalFields lists
// them.
std::vector<std::string> changed_fields(const SignalFields& before, const SignalFields& after);

// One text read by the pipeline: what the classifier and the parser understood, the signal it
// refers to (an update), what changed since the previous version, and the event that says so.
struct PostReading {
  UnderstoodPost understood;
  SignalFields fields;
  SignalLink link;                   // an update's signal, or why there is none
  std::vector<std::string> changed;  // empty for version 1
  bus::SignalEvent event;
};

// From posts to signals (DESIGN.md §1): each text of a post is parsed and classified, an update is
// linked to its signal, an edit is compared with the version before it, and a SignalEvent is
// published. Feed texts in ts_init order (ties by message, then version): the linker's memory of
// a signal changes only when its edit becomes visible, so a replay never sees an edit early.
class SignalPipeline {
 public:
  // `bus` may be null: the readings are then only returned.
  explicit SignalPipeline(const SignalClassifier& classifier, LinkerOptions options = {},
                          bus::MessageBus* bus = nullptr);

  // Reads one text without remembering it.
  PostReading read(const PostText& post) const;
  // Makes a reading part of the pipeline's memory from its ts_init on (a signal becomes linkable,
  // an edit replaces its previous version) and publishes its event. `key` is the caller's handle
  // on the signal (its stored row id), handed back in later links.
  void accept(const PostText& post, const PostReading& reading, std::int64_t key = 0);
  // read() then accept().
  PostReading process(const PostText& post, std::int64_t key = 0);

  // Remembers a post understood earlier (by another run, kept in a store) without publishing:
  // its fields, and what its update was linked to. `linked_to` is ignored for a long or short.
  void recall(const PostText& post, const SignalFields& fields,
              const std::optional<RememberedSignal>& linked_to, std::int64_t key);
  // Whether the previous reading of this message is remembered (an edit can say what changed).
  bool remembers(const core::ChannelId& channel, core::MessageId message) const;

  SignalLinker& linker() { return linker_; }
  const SignalLinker& linker() const { return linker_; }

 private:
  using PostKey = std::pair<std::string, std::int64_t>;  // channel, message id
  void remember_fields(const PostText& post, const SignalFields& fields);
  void remember_link(const PostText& post, const SignalFields& fields,
                     const std::optional<RememberedSignal>& linked_to, std::int64_t key);

  const SignalClassifier& classifier_;
  SignalLinker linker_;
  bus::MessageBus* bus_;
  std::map<PostKey, SignalFields> last_fields_;  // the latest reading of recent posts
  std::deque<PostKey> remembered_order_;         // oldest first, to bound last_fields_
};

}  // namespace sigtrader::signals
