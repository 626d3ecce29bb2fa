#pragma once

#include <span>

#include "analytics/metrics_input.hpp"
#include "core/time.hpp"

namespace sigtrader::analytics {

// How far and for how long an equity curve fell below its running peak. The running peak starts
// at the curve's first point.
struct DrawdownStats {
  // Deepest fall from a running peak as a positive fraction of that peak: 110 -> 99 is 0.10.
  double max_depth = 0;
  // Largest fall from a running peak in quote currency (may come from a different peak than
  // max_depth): the denominator of the recovery factor.
  double max_depth_money = 0;
  // Longest time from a peak until equity first gets back to (>=) that peak, or until the last
  // point of the curve when it never does.
  core::Duration max_duration;
  // Ulcer index (Peter Martin): sqrt of the mean over every point of the squared drawdown in
  // percent, so a constant 10 % drawdown gives 10. NaN for an empty curve.
  double ulcer_index = 0;
};

// Drawdown statistics of a time-ordered equity curve. An empty curve gives NaN for the Ulcer
// index and zero for everything else; a running peak at or below zero counts as no drawdown.
DrawdownStats compute_drawdown(std::span<const EquityPoint> equity);

}  // namespace sigtrader::analytics
