#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "core/assert.hpp"
#include "core/time.hpp"

namespace sigtrader::core {

using TimerId = std::uint64_t;
using TimerCallback = std::function<void(Timestamp fired_at)>;

// The only way code learns the time or waits for it. Backtests get a SimClock that the loop
// advances; live and paper get a LiveClock. Nothing else reads the system clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  // Calls `callback` once the clock reaches `at` (at once on the next firing if `at` has passed).
  virtual TimerId set_timer(Timestamp at, TimerCallback callback) = 0;
  // Returns false when the timer already fired or never existed.
  virtual bool cancel_timer(TimerId id) = 0;
};

// Pending timers ordered by (deadline, creation order): two timers for the same instant fire in
// the order they were set, so a run is deterministic.
class TimerQueue {
 public:
  TimerId add(Timestamp at, TimerCallback callback);
  bool cancel(TimerId id);
  bool empty() const { return timers_.empty(); }
  std::size_t size() const { return timers_.size(); }
  // Deadline of the earliest timer; only valid when not empty().
  Timestamp next_deadline() const { return timers_.begin()->first.first; }
  // Removes and returns the earliest timer if it is due at `now`; callbacks run outside the queue
  // so that they may add or cancel timers.
  bool pop_due(Timestamp now, Timestamp& deadline, TimerCallback& callback);

 private:
  std::map<std::pair<Timestamp, TimerId>, TimerCallback> timers_;
  std::map<TimerId, Timestamp> deadlines_;
  TimerId next_id_ = 1;
};

// Simulated time for backtests and tests: it moves only when advanced, firing every timer due on
// the way in deadline order, with now() equal to each timer's deadline while its callback runs.
class SimClock final : public Clock {
 public:
  explicit SimClock(Timestamp start = Timestamp()) : now_(start) {}

  Timestamp now() const override { return now_; }
  TimerId set_timer(Timestamp at, TimerCallback callback) override;
  bool cancel_timer(TimerId id) override;

  // Moves time forward to `to` (never backwards: an earlier `to` is a bug), firing due timers,
  // including ones set by callbacks that fall due before `to`. Returns how many fired.
  std::size_t advance_to(Timestamp to) {
    // Most steps of a backtest have no timer due: keep that path inline and cheap.
    if (timers_.empty() || timers_.next_deadline() > to) {
      SIGTRADER_ASSERT(to >= now_, "a SimClock never moves backwards");
      now_ = to;
      return 0;
    }
    return fire_until(to);
  }
  std::size_t advance_by(Duration by) { return advance_to(now_ + by); }
  std::size_t pending_timers() const { return timers_.size(); }

 private:
  std::size_t fire_until(Timestamp to);

  Timestamp now_;
  TimerQueue timers_;
};

// Wall-clock time (UTC). Timers fire when the owning loop calls fire_due(), on that loop's thread:
// the kernel stays single-threaded and wakes at next_deadline().
class LiveClock final : public Clock {
 public:
  Timestamp now() const override;
  TimerId set_timer(Timestamp at, TimerCallback callback) override;
  bool cancel_timer(TimerId id) override;

  // Fires every timer whose deadline has passed; returns how many fired.
  std::size_t fire_due();
  bool has_timers() const { return !timers_.empty(); }
  Timestamp next_deadline() const { return timers_.next_deadline(); }

 private:
  TimerQueue timers_;
};

}  // namespace sigtrader::core
