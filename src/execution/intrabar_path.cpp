#include "execution/intrabar_path.hpp"

namespace sigtrader::execution {

std::array<PathPoint, 4> intrabar_path(const market::Candle& candle, core::Duration timeframe) {
  const core::Price up = candle.high - candle.open;
  const core::Price down = candle.open - candle.low;
  const bool high_first = up <= down;
  const core::Duration third = core::Duration::nanoseconds(timeframe.count_ns() / 3);
  const core::Duration two_thirds = core::Duration::nanoseconds(timeframe.count_ns() * 2 / 3);
  return {PathPoint{candle.open_time, candle.open},
          PathPoint{candle.open_time + third, high_first ? candle.high : candle.low},
          PathPoint{candle.open_time + two_thirds, high_first ? candle.low : candle.high},
          PathPoint{candle.open_time + timeframe, candle.close}};
}

}  // namespace sigtrader::execution
