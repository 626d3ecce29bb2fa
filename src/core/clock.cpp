#include "core/clock.hpp"

#include <chrono>

namespace sigtrader::core {

TimerId TimerQueue::add(Timestamp at, TimerCallback callback) {
  const TimerId id = next_id_++;
  timers_.emplace(std::pair{at, id}, std::move(callback));
  deadlines_.emplace(id, at);
  return id;
}

bool TimerQueue::cancel(TimerId id) {
  auto found = deadlines_.find(id);
  if (found == deadlines_.end()) return false;
  timers_.erase({found->second, id});
  deadlines_.erase(found);
  return true;
}

bool TimerQueue::pop_due(Timestamp now, Timestamp& deadline, TimerCallback& callback) {
  if (timers_.empty()) return false;
  auto first = timers_.begin();
  if (first->first.first > now) return false;
  deadline = first->first.first;
  callback = std::move(first->second);
  deadlines_.erase(first->first.second);
  timers_.erase(first);
  return true;
}

TimerId SimClock::set_timer(Timestamp at, TimerCallback callback) {
  return timers_.add(at, std::move(callback));
}

bool SimClock::cancel_timer(TimerId id) {
  return timers_.cancel(id);
}

std::size_t SimClock::fire_until(Timestamp to) {
  SIGTRADER_ASSERT(to >= now_, "a SimClock never moves backwards");
  std::size_t fired = 0;
  Timestamp deadline;
  TimerCallback callback;
  while (timers_.pop_due(to, deadline, callback)) {
    // A timer set in the past (deadline < now) fires at the current time, not back in time.
    if (deadline > now_) now_ = deadline;
    callback(now_);
    ++fired;
  }
  now_ = to;
  return fired;
}

Timestamp LiveClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::from_ns(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

TimerId LiveClock::set_timer(Timestamp at, TimerCallback callback) {
  return timers_.add(at, std::move(callback));
}

bool LiveClock::cancel_timer(TimerId id) {
  return timers_.cancel(id);
}

std::size_t LiveClock::fire_due() {
  std::size_t fired = 0;
  Timestamp deadline;
  TimerCallback callback;
  while (timers_.pop_due(now(), deadline, callback)) {
    callback(now());
    ++fired;
  }
  return fired;
}

}  // namespace sigtrader::core
