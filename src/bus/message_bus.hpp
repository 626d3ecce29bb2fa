#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "core/assert.hpp"

namespace sigtrader::bus {

using SubscriptionId = std::uint64_t;

namespace detail {
std::size_t next_event_type_index();

// A dense index per event type, so publishing finds its subscribers without hashing.
template <typename Event>
std::size_t event_type_index() {
  static const std::size_t index = next_event_type_index();
  return index;
}
}  // namespace detail

// Typed, synchronous, deterministic publish/subscribe for one kernel thread.
//
// Every subscriber of an event type is called in subscription order. An event published from
// inside a handler is queued and delivered after the current event has reached all of its
// subscribers, so every subscriber sees every event in the same global order (breadth first).
// Subscribing or unsubscribing inside a handler takes effect from the next event on.
// Not thread-safe: other threads hand work to the kernel through its queue, never to the bus.
class MessageBus {
 public:
  MessageBus() = default;
  MessageBus(const MessageBus&) = delete;
  MessageBus& operator=(const MessageBus&) = delete;

  template <typename Event>
  SubscriptionId subscribe(std::function<void(const Event&)> handler) {
    SIGTRADER_ASSERT(handler != nullptr, "subscribe needs a handler");
    const SubscriptionId id = next_subscription_++;
    Handler entry{id, [handler = std::move(handler)](const void* event) {
                    handler(*static_cast<const Event*>(event));
                  }};
    const std::size_t index = detail::event_type_index<Event>();
    // While a handler runs, the handler lists must not move: new subscriptions wait their turn.
    if (dispatching_) {
      deferred_subscriptions_.emplace_back(index, std::move(entry));
    } else {
      topic_for(index).handlers.push_back(std::move(entry));
    }
    return id;
  }

  // Returns false when the subscription does not exist (already removed).
  bool unsubscribe(SubscriptionId id);

  template <typename Event>
  void publish(const Event& event) {
    const std::size_t index = detail::event_type_index<Event>();
    ++published_;
    if (dispatching_) {
      pending_.emplace_back([this, index, copy = event]() { dispatch(index, &copy); });
      return;
    }
    dispatching_ = true;
    DispatchGuard guard{*this};
    dispatch(index, &event);
    apply_deferred_changes();
    drain_pending();
  }

  template <typename Event>
  std::size_t subscriber_count() const {
    const std::size_t index = detail::event_type_index<Event>();
    if (index >= topics_.size()) return 0;
    std::size_t count = 0;
    for (const auto& handler : topics_[index].handlers)
      count += handler.active ? 1 : 0;
    return count;
  }

  std::uint64_t published_count() const { return published_; }

 private:
  struct Handler {
    SubscriptionId id;
    std::function<void(const void*)> call;
    bool active = true;  // false once unsubscribed; removed when no handler is running
  };
  struct Topic {
    std::vector<Handler> handlers;
  };
  // Clears the dispatching flag even when a handler throws, so the bus stays usable.
  struct DispatchGuard {
    MessageBus& bus;
    ~DispatchGuard() {
      bus.dispatching_ = false;
      bus.pending_.clear();
      bus.apply_deferred_changes();
    }
  };

  Topic& topic_for(std::size_t index) {
    if (index >= topics_.size()) topics_.resize(index + 1);
    return topics_[index];
  }

  void dispatch(std::size_t index, const void* event) {
    if (index >= topics_.size()) return;
    for (const auto& handler : topics_[index].handlers) {
      if (handler.active) handler.call(event);
    }
  }

  void drain_pending();
  void apply_deferred_changes();

  std::vector<Topic> topics_;
  std::deque<std::function<void()>> pending_;
  std::vector<std::pair<std::size_t, Handler>> deferred_subscriptions_;
  bool needs_compaction_ = false;
  SubscriptionId next_subscription_ = 1;
  std::uint64_t published_ = 0;
  bool dispatching_ = false;
};

}  // namespace sigtrader::bus
