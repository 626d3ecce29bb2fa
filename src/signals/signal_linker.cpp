#include "signals/signal_linker.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sigtrader::signals {
namespace {

// The later of two signals: by when they became visible, then by message id.
bool is_later(const RememberedSignal& a, const RememberedSignal& b) {
  if (a.ts_init != b.ts_init) return a.ts_init > b.ts_init;
  return a.message_id.value() > b.message_id.value();
}

std::int64_t whole_days(core::Duration window) {
  return window / core::Duration::days(1);
}

}  // namespace

std::string_view to_string(LinkRule rule) {
  switch (rule) {
    case LinkRule::kReply:
      return "reply";
    case LinkRule::kSymbol:
      return "symbol";
    case LinkRule::kRecent:
      return "recent";
  }
  return "unknown";
}

SignalLinker::SignalLinker(LinkerOptions options) : options_(options) {}

const RememberedSignal* SignalLinker::find_signal(const ChannelMemory& memory,
                                                  core::MessageId message) const {
  for (const RememberedSignal& signal : memory.signals) {
    if (signal.message_id == message) return &signal;
  }
  return nullptr;
}

void SignalLinker::remember_signal(const core::ChannelId& channel, const RememberedSignal& signal) {
  ChannelMemory& memory = channels_[channel.str()];
  for (RememberedSignal& known : memory.signals) {
    if (known.message_id == signal.message_id) {
      const core::Timestamp first_seen = std::min(known.ts_init, signal.ts_init);
      known = signal;
      known.ts_init = first_seen;
      return;
    }
  }
  // An edit may turn a linked update into a signal: it is one or the other, never both.
  std::erase_if(memory.updates,
                [&](const auto& update) { return update.first == signal.message_id; });
  memory.signals.push_back(signal);
  if (memory.signals.size() > options_.signals_per_channel) memory.signals.pop_front();
}

void SignalLinker::remember_update(const core::ChannelId& channel, core::MessageId update,
                                   const RememberedSignal& linked_to) {
  ChannelMemory& memory = channels_[channel.str()];
  std::erase_if(memory.signals,
                [&](const RememberedSignal& signal) { return signal.message_id == update; });
  for (auto& known : memory.updates) {
    if (known.first == update) {
      known.second = linked_to;
      return;
    }
  }
  memory.updates.emplace_back(update, linked_to);
  if (memory.updates.size() > options_.updates_per_channel) memory.updates.pop_front();
}

void SignalLinker::forget(const core::ChannelId& channel, core::MessageId message) {
  const auto found = channels_.find(channel.str());
  if (found == channels_.end()) return;
  std::erase_if(found->second.signals,
                [&](const RememberedSignal& signal) { return signal.message_id == message; });
  std::erase_if(found->second.updates, [&](const auto& update) { return update.first == message; });
}

bool SignalLinker::knows(const core::ChannelId& channel, core::MessageId message) const {
  const auto found = channels_.find(channel.str());
  if (found == channels_.end()) return false;
  if (find_signal(found->second, message) != nullptr) return true;
  return std::any_of(found->second.updates.begin(), found->second.updates.end(),
                     [&](const auto& update) { return update.first == message; });
}

std::optional<RememberedSignal> SignalLinker::replied_signal(const ChannelMemory& memory,
                                                             core::MessageId reply_to) const {
  if (const RememberedSignal* signal = find_signal(memory, reply_to)) return *signal;
  for (const auto& [update, linked_to] : memory.updates) {
    if (update != reply_to) continue;
    // The signal as it reads now (an edit may have changed it), or as it was when linked.
    if (const RememberedSignal* current = find_signal(memory, linked_to.message_id)) {
      return *current;
    }
    return linked_to;
  }
  return std::nullopt;
}

SignalLink SignalLinker::link(const core::ChannelId& channel,
                              std::optional<core::MessageId> reply_to,
                              const std::optional<core::Symbol>& symbol,
                              core::Timestamp ts_init) const {
  SignalLink result;
  const auto found = channels_.find(channel.str());
  if (found == channels_.end()) {
    result.reason = "no signal of this channel seen before";
    return result;
  }
  const ChannelMemory& memory = found->second;
  if (reply_to) {
    if (auto replied = replied_signal(memory, *reply_to)) {
      result.signal = std::move(replied);
      result.rule = LinkRule::kReply;
      return result;
    }
  }

  const core::Duration window = symbol ? options_.symbol_window : options_.recent_window;
  const RememberedSignal* latest = nullptr;
  for (const RememberedSignal& signal : memory.signals) {
    if (signal.ts_init > ts_init || ts_init - signal.ts_init > window) continue;
    if (symbol && signal.symbol != symbol) continue;
    if (latest == nullptr || is_later(signal, *latest)) latest = &signal;
  }
  if (latest != nullptr) {
    result.signal = *latest;
    result.rule = symbol ? LinkRule::kSymbol : LinkRule::kRecent;
    return result;
  }
  const std::string replied =
      reply_to ? fmt::format("the replied-to post {} is no known signal; ", reply_to->value()) : "";
  result.reason = symbol ? fmt::format(
                               "{}no long or short of {} in this channel in the last {} "
                               "days",
                               replied, symbol->to_string(), whole_days(window))
                         : fmt::format(
                               "{}the update names no coin and this channel posted no "
                               "long or short in the last {} days",
                               replied, whole_days(window));
  return result;
}

}  // namespace sigtrader::signals
