#pragma once

#include <cstdint>

#include "core/money.hpp"
#include "core/time.hpp"

namespace sigtrader::market {

// One OHLCV bar. Prices and volumes are exact decimals as the exchange sent them; indicators read
// them as doubles through CandleColumns (candle_series.hpp).
struct Candle {
  core::Timestamp open_time;
  core::Price open;
  core::Price high;
  core::Price low;
  core::Price close;
  core::Quantity volume;     // in the base asset
  core::Money quote_volume;  // in the quote asset; zero when the source does not give it
  std::int64_t trades = 0;   // number of trades; zero when the source does not give it

  // The first instant after this candle: a candle is complete (and visible to strategies) from
  // then on. Binance prints close time as this minus 1 ms.
  core::Timestamp close_time(core::Duration timeframe) const { return open_time + timeframe; }

  friend bool operator==(const Candle&, const Candle&) = default;
};

}  // namespace sigtrader::market
