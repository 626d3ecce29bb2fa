#pragma once

#include <atomic>

namespace sigtrader::app {

// Set by SIGINT/SIGTERM while a StopSignals lives (or by request_stop()); long-running commands
// poll it between steps.
std::atomic<bool>& stop_flag();
inline bool stop_requested() {
  return stop_flag().load();
}
// Asks the running command to stop, as SIGINT does; safe from any thread.
inline void request_stop() {
  stop_flag().store(true);
}

// Installs the stop handlers for its lifetime (and clears an earlier request).
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  void (*previous_int_)(int) = nullptr;
  void (*previous_term_)(int) = nullptr;
};

}  // namespace sigtrader::app
