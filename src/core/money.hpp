#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/decimal.hpp"

namespace sigtrader::core {

// A Decimal with a meaning, so that a price cannot be passed where a quantity is expected.
// Arithmetic within one kind keeps the kind; the products and quotients that make sense across
// kinds are spelled out below (Price × Quantity = Money, Money / Price = Quantity, ...).
template <typename Tag>
class FixedPoint {
 public:
  constexpr FixedPoint() = default;
  constexpr explicit FixedPoint(Decimal value) : value_(value) {}

  static Result<FixedPoint> try_parse(std::string_view text) {
    auto parsed = Decimal::try_parse(text);
    if (!parsed) return parsed.error();
    return FixedPoint(*parsed);
  }
  static FixedPoint parse(std::string_view text) { return FixedPoint(Decimal::parse(text)); }
  static Result<FixedPoint> from_double(double value, int scale,
                                        Rounding mode = Rounding::kNearest) {
    auto converted = Decimal::from_double(value, scale, mode);
    if (!converted) return converted.error();
    return FixedPoint(*converted);
  }
  static constexpr FixedPoint from_int(std::int64_t value) {
    return FixedPoint(Decimal::from_int(value));
  }
  static constexpr FixedPoint zero() { return FixedPoint(); }

  constexpr Decimal decimal() const { return value_; }
  constexpr int scale() const { return value_.scale(); }
  double to_double() const { return value_.to_double(); }
  std::string to_string() const { return value_.to_string(); }
  std::size_t format_to(char* out) const { return value_.format_to(out); }

  constexpr bool is_zero() const { return value_.is_zero(); }
  constexpr bool is_negative() const { return value_.is_negative(); }
  constexpr bool is_positive() const { return value_.is_positive(); }

  Result<FixedPoint> round_to(FixedPoint increment, Rounding mode) const {
    auto rounded = value_.round_to(increment.value_, mode);
    if (!rounded) return rounded.error();
    return FixedPoint(*rounded);
  }
  Result<FixedPoint> rescaled(int scale, Rounding mode) const {
    auto result = value_.rescaled(scale, mode);
    if (!result) return result.error();
    return FixedPoint(*result);
  }
  bool is_multiple_of(FixedPoint increment) const {
    return value_.is_multiple_of(increment.value_);
  }

  FixedPoint abs() const { return FixedPoint(value_.abs()); }
  FixedPoint operator-() const { return FixedPoint(-value_); }
  friend FixedPoint operator+(FixedPoint a, FixedPoint b) {
    return FixedPoint(a.value_ + b.value_);
  }
  friend FixedPoint operator-(FixedPoint a, FixedPoint b) {
    return FixedPoint(a.value_ - b.value_);
  }
  FixedPoint& operator+=(FixedPoint other) { return *this = *this + other; }
  FixedPoint& operator-=(FixedPoint other) { return *this = *this - other; }
  // Scaling by a plain factor (a fee rate, a split ratio) keeps the kind.
  friend FixedPoint operator*(FixedPoint a, Decimal factor) {
    return FixedPoint(a.value_ * factor);
  }

  friend std::strong_ordering operator<=>(FixedPoint a, FixedPoint b) {
    return a.value_ <=> b.value_;
  }
  friend bool operator==(FixedPoint a, FixedPoint b) { return a.value_ == b.value_; }

 private:
  Decimal value_;
};

struct PriceTag {};
struct QuantityTag {};
struct MoneyTag {};

// Price of one unit of the base asset in the quote asset ("68123.50" USDT per BTC).
using Price = FixedPoint<PriceTag>;
// Amount of the base asset; signed, so a short position can be a negative quantity.
using Quantity = FixedPoint<QuantityTag>;
// Amount of a currency (balances, notional, fees, PnL), in the quote asset unless stated.
using Money = FixedPoint<MoneyTag>;

// Notional value of a fill or an order.
inline Money operator*(Price price, Quantity quantity) {
  return Money(price.decimal() * quantity.decimal());
}
inline Money operator*(Quantity quantity, Price price) {
  return price * quantity;
}

// How much base asset `money` buys at `price`, with `scale` decimals (usually the step's scale).
inline Result<Quantity> quantity_for(Money money, Price price, int scale, Rounding mode) {
  auto quotient = checked_div(money.decimal(), price.decimal(), scale, mode);
  if (!quotient) return quotient.error();
  return Quantity(*quotient);
}

}  // namespace sigtrader::core
