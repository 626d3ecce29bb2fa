#include "bus/message_bus.hpp"

#include <algorithm>

namespace sigtrader::bus {

std::size_t detail::next_event_type_index() {
  // Shared by all buses: the index only names a type, it holds no state of any bus.
  static std::atomic<std::size_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed);
}

bool MessageBus::unsubscribe(SubscriptionId id) {
  for (auto& topic : topics_) {
    for (auto& handler : topic.handlers) {
      if (handler.id == id && handler.active) {
        // Only flagged: the handler being called right now may be this one.
        handler.active = false;
        needs_compaction_ = true;
        if (!dispatching_) apply_deferred_changes();
        return true;
      }
    }
  }
  for (auto it = deferred_subscriptions_.begin(); it != deferred_subscriptions_.end(); ++it) {
    if (it->second.id == id) {
      deferred_subscriptions_.erase(it);
      return true;
    }
  }
  return false;
}

void MessageBus::apply_deferred_changes() {
  if (needs_compaction_) {
    for (auto& topic : topics_) {
      std::erase_if(topic.handlers, [](const Handler& h) { return !h.active; });
    }
    needs_compaction_ = false;
  }
  for (auto& [index, handler] : deferred_subscriptions_) {
    topic_for(index).handlers.push_back(std::move(handler));
  }
  deferred_subscriptions_.clear();
}

void MessageBus::drain_pending() {
  while (!pending_.empty()) {
    auto next = std::move(pending_.front());
    pending_.pop_front();
    next();
    apply_deferred_changes();
  }
}

}  // namespace sigtrader::bus
