#pragma once

#include <atomic>
#include <functional>
#include <optional>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace sigtrader::engine {

// Paces a simulated run against the wall clock: before each step, the paper loop asks the pacer
// to wait until the wall clock has reached the moment that step's simulated instant maps to.
// Injected, so that tests never sleep.
class Pacer {
 public:
  virtual ~Pacer() = default;
  // The simulated instant the run starts (or resumes) from; it maps to the wall time of the call.
  virtual void begin(core::Timestamp simulated_start) = 0;
  // Waits at most `max_wait` (wall time) for `instant`'s moment; true once it has come, false when
  // the wait ended first (time to poll for new signals) or a stop was requested.
  virtual bool wait_until(core::Timestamp instant, core::Duration max_wait) = 0;
};

// Speed 0: every instant is due at once, the run goes as fast as it can.
class UnpacedPacer final : public Pacer {
 public:
  void begin(core::Timestamp) override {}
  bool wait_until(core::Timestamp, core::Duration) override { return true; }
};

// `speed` simulated seconds per wall second: 1 is real time, 60 runs an hour of data in a
// minute. Simulated instant t is due at wall_start + (t − simulated_start) / speed. Time spent
// stopped is not caught up on: a resumed run maps its checkpoint to the wall time it resumed at.
// The wall clock is read through `wall` (a LiveClock in the program); `sleep` waits on the
// calling thread. Waits are cut into slices of at most 100 ms so that a stop request (`stop`,
// which may be null) is noticed quickly.
class WallClockPacer final : public Pacer {
 public:
  using Sleep = std::function<void(core::Duration)>;
  WallClockPacer(double speed, const core::Clock& wall, Sleep sleep,
                 const std::atomic<bool>* stop = nullptr);

  void begin(core::Timestamp simulated_start) override;
  bool wait_until(core::Timestamp instant, core::Duration max_wait) override;

  // The wall time `instant` is due at; only after begin().
  core::Timestamp due_at(core::Timestamp instant) const;

 private:
  double speed_;
  const core::Clock& wall_;
  Sleep sleep_;
  const std::atomic<bool>* stop_;
  core::Timestamp simulated_start_;
  core::Timestamp wall_start_;
};

}  // namespace sigtrader::engine
