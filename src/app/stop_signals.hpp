#pragma once

#include <atomic>

namespace sigtrader::app {

// Set by SIGINT/SIGTERM while a StopSignals lives; long-running commands poll it between steps.
bool stop_requested();

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
