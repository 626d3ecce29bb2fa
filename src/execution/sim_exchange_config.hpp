#pragma once

#include <map>
#include <string>

#include "core/decimal.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::execution {

// How SimExchange prices, charges and delays trading. Rates are fractions (0.001 = 0.1 %).
struct SimExchangeConfig {
  std::string quote_asset = "USDT";
  // Balances per asset at start; perpetual margin is drawn from the quote asset's balance.
  std::map<std::string, core::Money> starting_balances;
  core::Decimal maker_fee_rate = core::Decimal::parse("0.0002");
  core::Decimal taker_fee_rate = core::Decimal::parse("0.0005");
  // Market-type fills move this many basis points against the taker before rounding to the tick.
  core::Decimal slippage_bps;
  // An order placed at T takes part in the price path from T + latency on.
  core::Duration latency;
  // When on, an order with a limit price fills at most max_volume_fraction × the candle's volume
  // per candle (rounded down to the step); the rest stays live.
  bool partial_fills = false;
  core::Decimal max_volume_fraction = core::Decimal::parse("0.1");
  // Maintenance margin rate of the isolated-margin liquidation formula (liquidation.hpp).
  core::Decimal maintenance_margin_rate = core::Decimal::parse("0.005");
  // Leverage of a perpetual until set_leverage() (capped at the instrument's maximum).
  int default_leverage = 1;
  // Client order ids of the venue's own liquidation orders are "<prefix>-<n>". A paper session
  // gives its own prefix, so liquidations of two sessions stored in one database never share an id.
  std::string liquidation_id_prefix = "liq";

  // A non-negative taker rate (the maker rate may be a rebate), slippage and latency, a fraction in
  // (0, 1], a leverage of at least 1, a quote asset.
  core::Status validate() const;
};

// Decimals fees, margins and funding payments are rounded to (half-even).
inline constexpr int kSimMoneyScale = 8;

}  // namespace sigtrader::execution
