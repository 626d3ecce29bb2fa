#pragma once

// What the risk engine tests share: the BTC/USDT perpetual they trade, the instant their signals
// are posted, the market price, and reading an event's details.
#include <string>
#include <string_view>

#include "bus/events.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

namespace sigtrader::risk::testing {

inline const core::Timestamp kPosted =
    core::Timestamp::from_seconds(1'700'000'000);  // 2023-11-14T22:13:20Z
inline const core::Price kLast = core::Price::parse("42000");

// BTC/USDT perpetual: tick 0.01, step and minimum 0.001, minimum notional 5, up to 50x.
inline core::Instrument btc() {
  core::Instrument instrument;
  instrument.symbol = {"BTC", "USDT"};
  instrument.venue = "sim";
  instrument.kind = core::InstrumentKind::kPerpetual;
  instrument.tick_size = core::Price::parse("0.01");
  instrument.step_size = core::Quantity::parse("0.001");
  instrument.min_qty = core::Quantity::parse("0.001");
  instrument.min_notional = core::Money::parse("5");
  instrument.max_leverage = 50;
  return instrument;
}

// The event's detail `key`, or "<missing key>".
inline std::string detail(const bus::RiskEvent& event, std::string_view key) {
  for (const auto& [name, value] : event.details) {
    if (name == key) return value;
  }
  return "<missing " + std::string(key) + ">";
}

}  // namespace sigtrader::risk::testing
