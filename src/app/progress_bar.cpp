#include "app/progress_bar.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace sigtrader::app {

bool progress_enabled(ProgressMode mode, bool stderr_is_terminal) {
  switch (mode) {
    case ProgressMode::kAlways:
      return true;
    case ProgressMode::kNever:
      return false;
    case ProgressMode::kAuto:
      return stderr_is_terminal;
  }
  return false;
}

void ProgressBar::update(double fraction, std::int64_t count) {
  constexpr int kWidth = 30;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(std::floor(fraction * kWidth));
  out_ << fmt::format("\r[{}{}] {:3}%  {} {}", std::string(static_cast<std::size_t>(filled), '#'),
                      std::string(static_cast<std::size_t>(kWidth - filled), ' '),
                      static_cast<int>(std::floor(fraction * 100)), count, unit_)
       << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) out_ << '\n' << std::flush;
  drawn_ = false;
}

}  // namespace sigtrader::app
