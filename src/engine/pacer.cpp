#include "engine/pacer.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/assert.hpp"

namespace sigtrader::engine {

WallClockPacer::WallClockPacer(double speed, const core::Clock& wall, Sleep sleep,
                               const std::atomic<bool>* stop)
    : speed_(speed), wall_(wall), sleep_(std::move(sleep)), stop_(stop) {
  SIGTRADER_ASSERT(speed_ > 0 && std::isfinite(speed_), "a pacing speed above 0");
}

void WallClockPacer::begin(core::Timestamp simulated_start) {
  simulated_start_ = simulated_start;
  wall_start_ = wall_.now();
}

core::Timestamp WallClockPacer::due_at(core::Timestamp instant) const {
  const double simulated_ns = static_cast<double>((instant - simulated_start_).count_ns());
  return wall_start_ +
         core::Duration::nanoseconds(static_cast<std::int64_t>(simulated_ns / speed_));
}

bool WallClockPacer::wait_until(core::Timestamp instant, core::Duration max_wait) {
  constexpr core::Duration kSlice = core::Duration::milliseconds(100);
  const core::Timestamp due = due_at(instant);
  const core::Timestamp give_up = wall_.now() + max_wait;
  for (;;) {
    if (stop_ != nullptr && stop_->load()) return false;
    const core::Timestamp now = wall_.now();
    if (now >= due) return true;
    if (now >= give_up) return false;
    sleep_(std::min({due - now, give_up - now, kSlice}));
  }
}

}  // namespace sigtrader::engine
