#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace sigtrader::app {

// When a long command draws a progress bar: "auto" only when stderr is a terminal, so logs and
// pipes stay clean.
enum class ProgressMode { kAuto, kAlways, kNever };

// Whether to draw for the mode and whether stderr is a terminal.
bool progress_enabled(ProgressMode mode, bool stderr_is_terminal);

// One line redrawn in place with '\r': "[########            ]  40%  1200 candles".
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, std::string unit) : out_(out), unit_(std::move(unit)) {}
  void update(double fraction, std::int64_t count);
  // Ends the line so that what follows starts on a fresh one; nothing if nothing was drawn.
  void finish();

 private:
  std::ostream& out_;
  std::string unit_;
  bool drawn_ = false;
};

}  // namespace sigtrader::app
