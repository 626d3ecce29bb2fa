#include "app/stop_signals.hpp"

#include <csignal>

namespace sigtrader::app {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

}  // namespace

std::atomic<bool>& stop_flag() {
  return g_stop;
}

StopSignals::StopSignals() {
  g_stop.store(false);
  previous_int_ = std::signal(SIGINT, on_stop_signal);
  previous_term_ = std::signal(SIGTERM, on_stop_signal);
}

StopSignals::~StopSignals() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

}  // namespace sigtrader::app
