#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::signals {

// How far back an update looks for the signal it refers to, and how much is remembered.
struct LinkerOptions {
  // An update that names its coin links to the channel's latest signal of that coin this recent.
  core::Duration symbol_window = core::Duration::days(30);
  // An update that names no coin ("TP1 hit ✅") links to the channel's latest signal this recent.
  core::Duration recent_window = core::Duration::days(3);
  std::size_t signals_per_channel = 256;  // the oldest are forgotten first
  std::size_t updates_per_channel = 1024;
};

// Which rule linked an update to its signal.
enum class LinkRule { kReply, kSymbol, kRecent };
std::string_view to_string(LinkRule rule);

// A long or short signal as the linker remembers it.
struct RememberedSignal {
  core::MessageId message_id;
  std::optional<core::Symbol> symbol;
  std::optional<core::PositionSide> side;
  core::Timestamp ts_init;  // when the post first became visible as a signal
  std::int64_t key = 0;     // the caller's handle on it (the stored signal row id); 0 for none
};

// The signal an update refers to, or why none was found.
struct SignalLink {
  std::optional<RememberedSignal> signal;
  LinkRule rule = LinkRule::kReply;  // meaningful when `signal` is set
  std::string reason;                // why there is no link; empty when linked

  bool linked() const { return signal.has_value(); }
};

// Links updates ("TP2 hit", "move SL to entry", "closed") to the signal they refer to, channel by
// channel: (1) a reply to a signal links to it, a reply to an update links to that update's
// signal; (2) else the channel's latest signal of the coin the update names, within
// symbol_window; (3) else, for an update that names no coin, the channel's latest signal within
// recent_window. Posts are fed in ts_init order; a signal posted after an update never links.
// Pure and deterministic; memory is bounded per channel.
class SignalLinker {
 public:
  explicit SignalLinker(LinkerOptions options = {});

  // Remembers a long or short. The same message again (an edit) replaces what was remembered of
  // it from now on, keeping when it first became a signal.
  void remember_signal(const core::ChannelId& channel, const RememberedSignal& signal);
  // Remembers which signal an update was linked to, so a reply to the update links there too.
  void remember_update(const core::ChannelId& channel, core::MessageId update,
                       const RememberedSignal& linked_to);
  // Forgets a message (an edit made it chatter, or an update lost its link).
  void forget(const core::ChannelId& channel, core::MessageId message);
  // Whether the message is remembered as a signal or as a linked update.
  bool knows(const core::ChannelId& channel, core::MessageId message) const;

  // The signal an update of `channel` visible from `ts_init` refers to.
  SignalLink link(const core::ChannelId& channel, std::optional<core::MessageId> reply_to,
                  const std::optional<core::Symbol>& symbol, core::Timestamp ts_init) const;

  const LinkerOptions& options() const { return options_; }

 private:
  struct ChannelMemory {
    std::deque<RememberedSignal> signals;  // in the order they were remembered
    std::deque<std::pair<core::MessageId, RememberedSignal>> updates;
  };

  const RememberedSignal* find_signal(const ChannelMemory& memory, core::MessageId message) const;
  std::optional<RememberedSignal> replied_signal(const ChannelMemory& memory,
                                                 core::MessageId reply_to) const;

  LinkerOptions options_;
  std::map<std::string, ChannelMemory> channels_;  // by channel id
};

}  // namespace sigtrader::signals
