#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::adapters::binance {

// Binance's spelling of a spot symbol: "BTC/USDT", "btc-usdt" and "BTCUSDT" all give "BTCUSDT".
// kInvalidArgument for anything but letters and digits around at most one '/' or '-'.
core::Result<std::string> binance_symbol(std::string_view symbol);

// The kline interval name Binance accepts for a timeframe ("1h", "1d", "1w"); kInvalidArgument
// listing the supported ones otherwise.
core::Result<std::string> binance_interval(core::Duration timeframe);

}  // namespace sigtrader::adapters::binance
