#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"

namespace sigtrader::core {

// A trading pair written BASE/QUOTE ("BTC/USDT"), upper case.
struct Symbol {
  std::string base;
  std::string quote;

  // "BTC/USDT" (case-insensitive); the error says what was expected.
  static Result<Symbol> try_parse(std::string_view text);
  std::string to_string() const { return base + "/" + quote; }
  // The venue's concatenated form: "BTCUSDT".
  std::string joined() const { return base + quote; }
  friend auto operator<=>(const Symbol&, const Symbol&) = default;
};

enum class InstrumentKind { kSpot, kPerpetual };
std::string_view to_string(InstrumentKind kind);
std::optional<InstrumentKind> parse_instrument_kind(std::string_view text);

// A tradable instrument with the venue's filters; every order is rounded to them and checked by
// validate_order() before it leaves.
struct Instrument {
  Symbol symbol;
  std::string venue;  // "binance", "bybit", "bingx", "sim"
  InstrumentKind kind = InstrumentKind::kSpot;
  Price tick_size;       // prices are whole multiples of it
  Quantity step_size;    // quantities are whole multiples of it
  Quantity min_qty;      // smallest order quantity
  Money min_notional;    // smallest price × quantity
  int max_leverage = 1;  // 1 for spot

  // The filters themselves make sense: positive tick and step, non-negative minimums, leverage
  // of at least 1 (and exactly 1 for spot).
  Status validate() const;

  // Checks an order against every filter and names each one it breaks with the values involved,
  // e.g. "quantity 0.0015 is not a multiple of the step size 0.001". `price` is the limit or
  // trigger price, or the reference price of a market order (no price: the price filters are not
  // checked). Errors are kRejected.
  Status validate_order(OrderSide side, Quantity quantity, std::optional<Price> price,
                        int leverage = 1) const;

  Result<Price> round_price(Price price, Rounding mode = Rounding::kNearest) const {
    return price.round_to(tick_size, mode);
  }
  // Quantities round down by default: rounding up would spend more than was sized.
  Result<Quantity> round_quantity(Quantity quantity, Rounding mode = Rounding::kDown) const {
    return quantity.round_to(step_size, mode);
  }
};

}  // namespace sigtrader::core
