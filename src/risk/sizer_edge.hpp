#pragma once

#include "core/result.hpp"

namespace sigtrader::risk {

// A channel's measured record, as the signals module keeps it, in the terms the sizers use.
// Results are measured in R: multiples of the risk taken (entry to stop). A loss counts as −1 R.
struct ChannelTrust {
  double win_rate = 0;       // winning closed signals / closed signals, 0..1
  double average_win_r = 0;  // the average winning signal in R (also the average win/loss ratio)
  int closed_signals = 0;    // how many closed signals the two numbers above come from
};

// How a channel's record scales another sizer's size (see trust_multiplier()).
struct TrustWeighting {
  int min_signals = 20;      // fewer closed signals than this: neutral multiplier 1
  double sensitivity = 1.0;  // multiplier change per 1 R of expectancy
  double floor = 0.25;       // smallest multiplier, however bad the record
  double cap = 1.5;          // largest multiplier, however good the record
};

// Win rate in 0..1, average win >= 0, closed signals >= 0; the error names the bad field.
core::Status validate(const ChannelTrust& trust);
// 0 <= floor <= cap, sensitivity >= 0, min_signals >= 0.
core::Status validate(const TrustWeighting& weighting);

// Expectancy per signal in R: E = W × avg_win_R − (1 − W) × 1.
// W 0.3, average win 1 R: 0.3 − 0.7 = −0.4 R.
double expectancy_r(const ChannelTrust& trust);

// The size multiplier for a channel, linear in its expectancy:
//   m = clamp(1 + sensitivity × E, floor, cap), and m = 1 when closed_signals < min_signals.
// A break-even channel (E = 0) keeps the base size; with the defaults E = −0.4 R gives 0.6 and
// E = +0.8 R gives 1.8, capped at 1.5. Both arguments must be valid (validate()).
double trust_multiplier(const TrustWeighting& weighting, const ChannelTrust& trust);

// The Kelly criterion for a bet that wins R per 1 lost with probability W:
//   f* = W − (1 − W) / R   (W 0.55, R 1.5: 0.55 − 0.45 / 1.5 = 0.25).
// It is the share of equity to put at risk; 0 or less means the record shows no edge.
// Requires 0 <= W <= 1 and R > 0.
double kelly_fraction(double win_rate, double win_loss_ratio);

}  // namespace sigtrader::risk
