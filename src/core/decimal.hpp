#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sigtrader::core {

// How a value that falls between two representable ones is resolved.
enum class Rounding {
  kDown,      // toward negative infinity (floor): a quantity rounded down to the step
  kUp,        // toward positive infinity (ceiling)
  kNearest,   // to the nearest; a tie goes away from zero (3.5 -> 4, -3.5 -> -4)
  kHalfEven,  // to the nearest; a tie goes to the even neighbour (banker's rounding)
  kTowardZero,
};

// Thrown by the arithmetic operators when a result does not fit: with prices and quantities in
// their documented range that is a bug, never a wrap. Code that handles untrusted values uses the
// checked_* functions, which return an Error instead.
class OverflowError : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

namespace detail {
inline constexpr double kPowersOfTenTable[19] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                                 1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                                 1e14, 1e15, 1e16, 1e17, 1e18};
}  // namespace detail

// An exact decimal number: mantissa × 10^-scale, with a signed 64-bit mantissa and a scale of
// 0..18 decimal places. That holds any value of up to 18 significant digits: a BTC price of 10^7
// with 8 decimals (10^15), a SHIB quantity of 10^12 with 6 decimals (10^18), 0.000000000000000001.
//
// The scale is part of the value's text: "68123.50" parses to mantissa 6812350, scale 2 and formats
// back to "68123.50". Comparison is by numeric value, so 68123.5 == 68123.50.
//
// Accepted text: optional sign, digits with an optional '.' and fraction ("42", "-0.5", ".5",
// "5."), and an optional exponent ("1e-8", "1.5E+3") which is folded into the scale (1e-8 becomes
// 0.00000001; 1.5E+3 becomes 1500). Nothing else: no spaces, no thousands separators, no
// "inf"/"nan", no empty string. A value needing more than 18 fraction digits, or more significant
// digits than a signed 64-bit mantissa holds, is rejected (kOverflow); trailing fraction zeros that
// do not fit are dropped instead of rejected, as they do not change the value. "+5", "007" and
// "-0" are accepted and print as "5", "7" and "0".
class Decimal {
 public:
  static constexpr int kMaxScale = 18;
  // Longest text format_to() can write: sign, 19 digits, point, leading "0." and zeros.
  static constexpr std::size_t kMaxChars = 48;

  constexpr Decimal() = default;

  // Parses exchange text; the error names the text and what was expected.
  static Result<Decimal> try_parse(std::string_view text);
  // Parses text known to be valid (literals, tests); aborts on bad text.
  static Decimal parse(std::string_view text);
  // mantissa × 10^-scale; kOutOfRange when scale is not in 0..18.
  static Result<Decimal> from_mantissa(std::int64_t mantissa, int scale);
  // The nearest value with `scale` decimals; kOutOfRange for NaN, infinities and values too large.
  static Result<Decimal> from_double(double value, int scale, Rounding mode = Rounding::kNearest);
  static constexpr Decimal from_int(std::int64_t value) { return Decimal(value, 0); }

  constexpr std::int64_t mantissa() const { return mantissa_; }
  constexpr int scale() const { return scale_; }
  double to_double() const {
    // Both operands are exact for |mantissa| <= 2^53, so the division rounds once. Inline: every
    // candle of a backtest converts its close for the indicators.
    return static_cast<double>(mantissa_) /
           detail::kPowersOfTenTable[static_cast<std::size_t>(scale_)];
  }

  // Formats with exactly scale() fraction digits ("68123.50", "-0.00001234", "1000000000000").
  std::string to_string() const;
  // The same text written into `out` (at least kMaxChars long) without allocating; returns length.
  std::size_t format_to(char* out) const;

  constexpr bool is_zero() const { return mantissa_ == 0; }
  constexpr bool is_negative() const { return mantissa_ < 0; }
  constexpr bool is_positive() const { return mantissa_ > 0; }

  // The same value with `scale` decimals, rounding by `mode` when decimals are dropped;
  // kOverflow when the mantissa would not fit, kOutOfRange when scale is not in 0..18.
  Result<Decimal> rescaled(int scale, Rounding mode) const;
  // The multiple of `increment` (a tick or step size, > 0) chosen by `mode`; the result carries the
  // increment's scale. round_to(0.01, kDown) of 1.239 is 1.23; of -1.231 is -1.24.
  Result<Decimal> round_to(Decimal increment, Rounding mode) const;
  // True when the value is a whole multiple of `increment`; the increment's sign is ignored and
  // only 0 is a multiple of 0 (Binance sends a step of 0 for a disabled filter).
  bool is_multiple_of(Decimal increment) const;

  // Both throw OverflowError for the most negative mantissa, whose negation does not fit.
  Decimal abs() const;
  Decimal operator-() const;

  // Exact sum/difference at the larger scale of the two operands.
  friend Result<Decimal> checked_add(Decimal a, Decimal b);
  friend Result<Decimal> checked_sub(Decimal a, Decimal b);
  // Exact product computed in 128 bits; if it needs more than 18 decimals or does not fit 64 bits
  // at its natural scale, trailing decimals are rounded half-even until it fits (kOverflow if no
  // scale fits). 68123.5 × 0.001 = 68.1235.
  friend Result<Decimal> checked_mul(Decimal a, Decimal b);
  // a / b with exactly `scale` decimals, rounded by `mode`; kInvalidArgument on division by zero.
  friend Result<Decimal> checked_div(Decimal a, Decimal b, int scale, Rounding mode);

  friend Decimal operator+(Decimal a, Decimal b);  // throw OverflowError
  friend Decimal operator-(Decimal a, Decimal b);
  friend Decimal operator*(Decimal a, Decimal b);
  Decimal& operator+=(Decimal other) { return *this = *this + other; }
  Decimal& operator-=(Decimal other) { return *this = *this - other; }

  // Numeric comparison across scales (exact, via 128-bit alignment).
  friend std::strong_ordering operator<=>(Decimal a, Decimal b);
  friend bool operator==(Decimal a, Decimal b);

 private:
  constexpr Decimal(std::int64_t mantissa, int scale)
      : mantissa_(mantissa), scale_(static_cast<std::int8_t>(scale)) {}

  std::int64_t mantissa_ = 0;
  std::int8_t scale_ = 0;
};

// Declared at namespace scope too, so that qualified calls (core::checked_add) find them.
Result<Decimal> checked_add(Decimal a, Decimal b);
Result<Decimal> checked_sub(Decimal a, Decimal b);
Result<Decimal> checked_mul(Decimal a, Decimal b);
Result<Decimal> checked_div(Decimal a, Decimal b, int scale, Rounding mode);

}  // namespace sigtrader::core
