#pragma once

#include <array>

#include "core/money.hpp"
#include "core/time.hpp"
#include "market/candle.hpp"

namespace sigtrader::execution {

// One point of the path SimExchange assumes the price took inside a candle.
struct PathPoint {
  core::Timestamp ts;
  core::Price price;
};

// The documented intrabar path of a complete candle, the one assumption every simulated fill rests
// on (README "Simulated exchange"):
//   open  at open_time
//   → the extreme nearer to the open at open_time + tf/3
//   → the other extreme              at open_time + 2tf/3
//   → close                          at open_time + tf
// Between two points the price moves linearly, so any level between them is reached in that
// segment. When high and low are equally far from the open the high comes first: the candle then
// carries no hint of its order, and high-before-low is the order O-H-L-C itself is written in, the
// usual default of other backtesters, so results compare with theirs. Fixing one choice also keeps
// runs reproducible.
std::array<PathPoint, 4> intrabar_path(const market::Candle& candle, core::Duration timeframe);

}  // namespace sigtrader::execution
