#include "core/decimal.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

#include <fmt/format.h>

namespace sigtrader::core {
namespace {

// 128-bit intermediates: |mantissa| < 2^63 and 10^18 < 2^60, so an aligned mantissa stays below
// 2^123 and a product of two mantissas below 2^126. __extension__ keeps -Wpedantic quiet.
__extension__ using Int128 = __int128;
__extension__ using UInt128 = unsigned __int128;

constexpr std::array<std::uint64_t, 20> kPow10 = [] {
  std::array<std::uint64_t, 20> table{};
  std::uint64_t power = 1;
  for (std::size_t i = 0; i < table.size(); ++i, power *= 10)
    table[i] = power;
  return table;
}();

constexpr std::uint64_t pow10(int n) {
  return kPow10[static_cast<std::size_t>(n)];
}

// 10^n for n up to 38 (10^38 < 2^128), for dropping up to 36 digits of a product.
constexpr UInt128 pow10_wide(int n) {
  return n <= 19 ? pow10(n) : UInt128{pow10(19)} * pow10(n - 19);
}

// "00" "01" ... "99": the formatter writes two digits per division.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> table{};
  for (int i = 0; i < 100; ++i) {
    table[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    table[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return table;
}();

static_assert(Decimal::kMaxChars >= 21, "sign, 19 digits and a point must fit");

// Largest magnitude of a mantissa with the given sign: 2^63 - 1, or 2^63 for negatives.
constexpr UInt128 magnitude_limit(bool negative) {
  return (UInt128{1} << 63) - (negative ? 0 : 1);
}

constexpr UInt128 magnitude_of(std::int64_t value) {
  return value < 0 ? UInt128{0} - static_cast<UInt128>(value) : static_cast<UInt128>(value);
}

// The signed mantissa of a magnitude already checked against magnitude_limit(negative).
constexpr std::int64_t signed_mantissa(UInt128 magnitude, bool negative) {
  const auto low = static_cast<std::uint64_t>(magnitude);
  return static_cast<std::int64_t>(negative ? 0 - low : low);
}

// The mantissa of `value` written with `scale` (>= its own) decimals; below 2^123 in magnitude.
Int128 aligned(Decimal value, int scale) {
  return Int128{value.mantissa()} * pow10(scale - value.scale());
}

UInt128 aligned_magnitude(Decimal value, int scale) {
  return magnitude_of(value.mantissa()) * pow10(scale - value.scale());
}

constexpr bool fits_int64(Int128 value) {
  return value >= -(Int128{1} << 63) && value < (Int128{1} << 63);
}

constexpr bool is_digit(char c) {
  return static_cast<unsigned char>(c - '0') < 10;
}

// The magnitude of ±(quotient + remainder / divisor), remainder < divisor, rounded by `mode`.
UInt128 round_magnitude(UInt128 quotient, UInt128 remainder, UInt128 divisor, bool negative,
                        Rounding mode) {
  if (remainder == 0) return quotient;
  const UInt128 rest = divisor - remainder;  // distance to the next multiple; compared, not 2 * r
  switch (mode) {
    case Rounding::kTowardZero:
      return quotient;
    case Rounding::kDown:
      return negative ? quotient + 1 : quotient;
    case Rounding::kUp:
      return negative ? quotient : quotient + 1;
    case Rounding::kNearest:
      return remainder >= rest ? quotient + 1 : quotient;
    case Rounding::kHalfEven:
      if (remainder == rest) return quotient + (quotient & 1);
      return remainder > rest ? quotient + 1 : quotient;
  }
  return quotient;
}

UInt128 divide_magnitude(UInt128 dividend, UInt128 divisor, bool negative, Rounding mode) {
  if ((dividend >> 64) == 0 && (divisor >> 64) == 0) {  // the common case, without __udivti3
    const auto n = static_cast<std::uint64_t>(dividend);
    const auto d = static_cast<std::uint64_t>(divisor);
    return round_magnitude(n / d, n % d, d, negative, mode);
  }
  return round_magnitude(dividend / divisor, dividend % divisor, divisor, negative, mode);
}

// The text as it appears in an error message: quoted, escaped, and cut short when long.
std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  std::string out = "\"";
  for (std::size_t i = 0; i < std::min(text.size(), kShown); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  if (text.size() > kShown) return out + fmt::format("...\" ({} characters)", text.size());
  return out + '"';
}

std::string describe_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02x}", byte);
}

[[gnu::cold, gnu::noinline]] Error syntax_error(std::string_view text, std::size_t position,
                                                std::string_view expected) {
  return Error(ErrorCode::kParse,
               fmt::format("{} is not a decimal number: unexpected {} at position {} (expected {})",
                           quoted(text), describe_char(text[position]), position, expected));
}

[[gnu::cold, gnu::noinline]] Error shape_error(std::string_view text, std::string_view problem) {
  return Error(ErrorCode::kParse,
               fmt::format("{} is not a decimal number: {}", quoted(text), problem));
}

[[gnu::cold, gnu::noinline]] Error range_error(std::string_view text, std::string_view problem) {
  return Error(ErrorCode::kOverflow,
               fmt::format("{} does not fit a decimal: {}", quoted(text), problem));
}

[[gnu::cold, gnu::noinline]] Error does_not_fit(std::string_view what) {
  return Error(ErrorCode::kOverflow,
               fmt::format("{} does not fit a decimal (the mantissa must stay within "
                           "±9223372036854775807 at up to 18 decimals)",
                           what));
}

Error arithmetic_overflow(Decimal a, std::string_view op, Decimal b) {
  return does_not_fit(fmt::format("{} {} {}", a.to_string(), op, b.to_string()));
}

Error scale_error(int scale) {
  return Error(ErrorCode::kOutOfRange,
               fmt::format("scale {} is out of range (expected 0..{})", scale, Decimal::kMaxScale));
}

constexpr std::string_view kTooManyDigits =
    "more significant digits than fit (expected at most 18, or 19 up to 9223372036854775807)";

// The rare shapes: an exponent, more than 19 digits, more than 18 decimals, or a mantissa past
// int64. The value is S × 10^(trailing_zeros - scale) with S the significant digits; it takes the
// largest scale up to the written one (at most 18) whose mantissa fits, which drops trailing
// fraction zeros only when they do not fit.
[[gnu::cold, gnu::noinline]] Result<Decimal> parse_general(std::string_view text, bool negative,
                                                           std::string_view int_digits,
                                                           std::string_view frac_digits,
                                                           std::int64_t exponent) {
  const std::size_t total = int_digits.size() + frac_digits.size();
  const auto digit_at = [&](std::size_t i) {
    return i < int_digits.size() ? int_digits[i] : frac_digits[i - int_digits.size()];
  };
  // Bounded: the text is shorter than 2^62 and |exponent| is capped by the scanner.
  const std::int64_t scale = static_cast<std::int64_t>(frac_digits.size()) - exponent;
  const std::int64_t written_scale = std::clamp<std::int64_t>(scale, 0, Decimal::kMaxScale);

  std::size_t first = 0;
  while (first < total && digit_at(first) == '0')
    ++first;
  if (first == total) return Decimal::from_mantissa(0, static_cast<int>(written_scale));
  std::size_t last = total - 1;
  while (digit_at(last) == '0')
    --last;

  const std::size_t significant = last - first + 1;
  if (significant > 19) return range_error(text, kTooManyDigits);
  std::uint64_t digits = 0;
  for (std::size_t i = first; i <= last; ++i)
    digits = digits * 10 + (digit_at(i) - '0');

  const auto trailing_zeros = static_cast<std::int64_t>(total - 1 - last);
  const std::int64_t fewest_decimals = std::max<std::int64_t>(scale - trailing_zeros, 0);
  if (fewest_decimals > Decimal::kMaxScale) {
    return range_error(text, fmt::format("it needs {} decimal places (expected at most {})",
                                         fewest_decimals, Decimal::kMaxScale));
  }
  for (std::int64_t target = written_scale; target >= fewest_decimals; --target) {
    const std::int64_t zeros = trailing_zeros - scale + target;  // >= 0 as target >= fewest
    if (zeros + static_cast<std::int64_t>(significant) > 19) continue;
    const UInt128 magnitude = UInt128{digits} * pow10(static_cast<int>(zeros));
    if (magnitude <= magnitude_limit(negative)) {
      return Decimal::from_mantissa(signed_mantissa(magnitude, negative), static_cast<int>(target));
    }
  }
  return range_error(text, kTooManyDigits);
}

}  // namespace

Result<Decimal> Decimal::try_parse(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
  if (p == end) return shape_error(text, "the text is empty (expected digits)");

  const bool negative = *p == '-';
  if (*p == '-' || *p == '+') ++p;
  const char* const sign_end = p;

  // Up to 19 digits cannot overflow a uint64; longer runs wrap harmlessly (unsigned) and are
  // re-read by parse_general.
  std::uint64_t digits = 0;
  while (p != end && is_digit(*p))
    digits = digits * 10 + static_cast<unsigned>(*p++ - '0');
  const char* const int_end = p;
  const char* frac_begin = p;
  const bool has_point = p != end && *p == '.';
  if (has_point) {
    frac_begin = ++p;
    while (p != end && is_digit(*p))
      digits = digits * 10 + static_cast<unsigned>(*p++ - '0');
  }
  const auto int_count = static_cast<std::size_t>(int_end - sign_end);
  const auto frac_count = static_cast<std::size_t>(p - frac_begin);
  if (int_count + frac_count == 0) {
    if (p == end) return shape_error(text, "it has no digits");
    const char* expected = has_point    ? "digits"
                           : p == begin ? "a sign, digits or '.'"
                                        : "digits or '.'";
    return syntax_error(text, static_cast<std::size_t>(p - begin), expected);
  }

  bool has_exponent = false;
  std::int64_t exponent = 0;
  if (p != end && (*p == 'e' || *p == 'E')) {
    has_exponent = true;
    ++p;
    const bool exponent_negative = p != end && *p == '-';
    if (p != end && (*p == '-' || *p == '+')) ++p;
    const char* const exponent_begin = p;
    constexpr std::int64_t kExponentCap = 1'000'000'000;  // far past any value that fits
    for (; p != end && is_digit(*p); ++p) {
      if (exponent < kExponentCap) exponent = exponent * 10 + (*p - '0');
    }
    if (p == exponent_begin) {
      if (p == end) return shape_error(text, "the exponent has no digits");
      return syntax_error(text, static_cast<std::size_t>(p - begin), "exponent digits");
    }
    if (exponent_negative) exponent = -exponent;
  }
  if (p != end) {
    const char* expected = has_exponent ? "exponent digits or the end of the number"
                           : has_point  ? "digits or an exponent"
                                        : "digits, '.', or an exponent";
    return syntax_error(text, static_cast<std::size_t>(p - begin), expected);
  }

  if (!has_exponent && int_count + frac_count <= 19 && frac_count <= kMaxScale &&
      digits <= magnitude_limit(negative)) [[likely]] {
    return Decimal(signed_mantissa(digits, negative), static_cast<int>(frac_count));
  }
  return parse_general(text, negative, std::string_view(sign_end, int_count),
                       std::string_view(frac_begin, frac_count), exponent);
}

Decimal Decimal::parse(std::string_view text) {
  auto parsed = try_parse(text);
  // The message is only evaluated when the assertion fails, so error() is never read on success.
  SIGTRADER_ASSERT(parsed.ok(), parsed.error().message());
  return *parsed;
}

Result<Decimal> Decimal::from_mantissa(std::int64_t mantissa, int scale) {
  if (scale < 0 || scale > kMaxScale) return scale_error(scale);
  return Decimal(mantissa, scale);
}

Result<Decimal> Decimal::from_double(double value, int scale, Rounding mode) {
  if (!std::isfinite(value)) {
    return Error(
        ErrorCode::kOutOfRange,
        fmt::format("{} is not a finite number (expected a price, quantity or amount)", value));
  }
  if (scale < 0 || scale > kMaxScale) return scale_error(scale);
  if (value == 0) return Decimal(0, scale);

  // Exact: |value| = significand × 2^binary_exponent, and value × 10^scale is computed in 128 bits
  // before the single rounding.
  const bool negative = value < 0;
  int binary_exponent = 0;
  const double fraction = std::frexp(std::fabs(value), &binary_exponent);
  const auto significand = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  binary_exponent -= 53;
  const UInt128 scaled = UInt128{significand} * pow10(scale);  // < 2^113

  UInt128 magnitude = 0;
  if (binary_exponent >= 0) {
    if (binary_exponent >= 64 || scaled > (magnitude_limit(negative) >> binary_exponent)) {
      magnitude = magnitude_limit(negative) + 1;
    } else {
      magnitude = scaled << binary_exponent;
    }
  } else {
    // scaled < 2^113, so any shift past 120 leaves a quotient of 0 and a remainder below half,
    // which rounds exactly as with the shift capped at 120.
    const int shift = std::min(-binary_exponent, 120);
    magnitude = divide_magnitude(scaled, UInt128{1} << shift, negative, mode);
  }
  if (magnitude > magnitude_limit(negative)) {
    return Error(ErrorCode::kOutOfRange,
                 fmt::format("{} is too large for a decimal with {} decimals", value, scale));
  }
  return Decimal(signed_mantissa(magnitude, negative), scale);
}

std::size_t Decimal::format_to(char* out) const {
  std::uint64_t magnitude = static_cast<std::uint64_t>(magnitude_of(mantissa_));
  char digits[20];
  char* const digits_end = digits + sizeof(digits);
  char* first = digits_end;
  while (magnitude >= 100) {
    first -= 2;
    std::memcpy(first, &kDigitPairs[static_cast<std::size_t>(magnitude % 100) * 2], 2);
    magnitude /= 100;
  }
  if (magnitude >= 10) {
    first -= 2;
    std::memcpy(first, &kDigitPairs[static_cast<std::size_t>(magnitude) * 2], 2);
  } else {
    *--first = static_cast<char>('0' + magnitude);
  }
  const auto count = static_cast<std::size_t>(digits_end - first);
  const auto scale = static_cast<std::size_t>(scale_);

  char* o = out;
  if (mantissa_ < 0) *o++ = '-';
  if (scale == 0) {
    std::memcpy(o, first, count);
    return static_cast<std::size_t>(o + count - out);
  }
  if (count > scale) {
    const std::size_t int_count = count - scale;
    std::memcpy(o, first, int_count);
    o += int_count;
    *o++ = '.';
    std::memcpy(o, first + int_count, scale);
    return static_cast<std::size_t>(o + scale - out);
  }
  *o++ = '0';
  *o++ = '.';
  std::memset(o, '0', scale - count);
  o += scale - count;
  std::memcpy(o, first, count);
  return static_cast<std::size_t>(o + count - out);
}

std::string Decimal::to_string() const {
  char buffer[kMaxChars];
  return std::string(buffer, format_to(buffer));
}

Result<Decimal> Decimal::rescaled(int scale, Rounding mode) const {
  if (scale < 0 || scale > kMaxScale) return scale_error(scale);
  if (scale >= scale_) {
    const Int128 widened = aligned(*this, scale);
    if (!fits_int64(widened))
      return does_not_fit(fmt::format("{} with {} decimals", to_string(), scale));
    return Decimal(static_cast<std::int64_t>(widened), scale);
  }
  const bool negative = mantissa_ < 0;
  const UInt128 magnitude =
      divide_magnitude(magnitude_of(mantissa_), pow10(scale_ - scale), negative, mode);
  return Decimal(signed_mantissa(magnitude, negative), scale);  // smaller than the input
}

Result<Decimal> Decimal::round_to(Decimal increment, Rounding mode) const {
  if (!increment.is_positive()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("cannot round {} to a multiple of {} (expected a positive increment)",
                             to_string(), increment.to_string()));
  }
  const int common = std::max<int>(scale_, increment.scale_);
  const bool negative = mantissa_ < 0;
  const UInt128 count = divide_magnitude(aligned_magnitude(*this, common),
                                         aligned_magnitude(increment, common), negative, mode);
  // count <= 2^63 keeps count × increment < 2^126; a larger count overflows anyway.
  if (count > magnitude_limit(negative) ||
      count * magnitude_of(increment.mantissa_) > magnitude_limit(negative)) {
    return does_not_fit(
        fmt::format("{} rounded to a multiple of {}", to_string(), increment.to_string()));
  }
  return Decimal(signed_mantissa(count * magnitude_of(increment.mantissa_), negative),
                 increment.scale_);
}

bool Decimal::is_multiple_of(Decimal increment) const {
  // Only zero is a multiple of zero; an exchange sends a zero step when a filter is disabled.
  if (increment.is_zero()) return is_zero();
  const int common = std::max<int>(scale_, increment.scale_);
  return aligned_magnitude(*this, common) % aligned_magnitude(increment, common) == 0;
}

Decimal Decimal::abs() const {
  return mantissa_ < 0 ? -*this : *this;
}

Decimal Decimal::operator-() const {
  if (mantissa_ == std::numeric_limits<std::int64_t>::min()) {
    throw OverflowError(does_not_fit(fmt::format("-({})", to_string())).message());
  }
  return Decimal(-mantissa_, scale_);
}

namespace {

// a + b (or a - b) aligned to the larger scale; both aligned mantissas are below 2^123.
Result<Decimal> add_aligned(Decimal a, Decimal b, bool subtract) {
  const int scale = std::max(a.scale(), b.scale());
  const Int128 sum =
      subtract ? aligned(a, scale) - aligned(b, scale) : aligned(a, scale) + aligned(b, scale);
  if (!fits_int64(sum)) return arithmetic_overflow(a, subtract ? "-" : "+", b);
  return Decimal::from_mantissa(static_cast<std::int64_t>(sum), scale);
}

Decimal or_throw(Result<Decimal> result) {
  if (!result) throw OverflowError(result.error().message());
  return *result;
}

}  // namespace

Result<Decimal> checked_add(Decimal a, Decimal b) {
  if (a.scale_ != b.scale_) return add_aligned(a, b, false);
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.mantissa_, b.mantissa_, &sum)) return arithmetic_overflow(a, "+", b);
  return Decimal(sum, a.scale_);
}

Result<Decimal> checked_sub(Decimal a, Decimal b) {
  if (a.scale_ != b.scale_) return add_aligned(a, b, true);
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a.mantissa_, b.mantissa_, &difference)) {
    return arithmetic_overflow(a, "-", b);
  }
  return Decimal(difference, a.scale_);
}

Result<Decimal> checked_mul(Decimal a, Decimal b) {
  const int natural_scale = a.scale_ + b.scale_;
  std::int64_t product = 0;
  if (natural_scale <= Decimal::kMaxScale &&
      !__builtin_mul_overflow(a.mantissa_, b.mantissa_, &product)) {
    return Decimal(product, natural_scale);
  }
  const bool negative = (a.mantissa_ < 0) != (b.mantissa_ < 0);
  const UInt128 magnitude = magnitude_of(a.mantissa_) * magnitude_of(b.mantissa_);  // < 2^126
  // Drop the fewest trailing digits that make it fit, rounding once from the exact product (not
  // digit by digit, which would round twice).
  for (int dropped = std::max(0, natural_scale - Decimal::kMaxScale); dropped <= natural_scale;
       ++dropped) {
    const UInt128 rounded =
        divide_magnitude(magnitude, pow10_wide(dropped), negative, Rounding::kHalfEven);
    if (rounded <= magnitude_limit(negative)) {
      return Decimal(signed_mantissa(rounded, negative), natural_scale - dropped);
    }
  }
  return arithmetic_overflow(a, "*", b);
}

Result<Decimal> checked_div(Decimal a, Decimal b, int scale, Rounding mode) {
  if (scale < 0 || scale > Decimal::kMaxScale) return scale_error(scale);
  if (b.mantissa_ == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("cannot divide {} by zero ({})", a.to_string(), b.to_string()));
  }
  const bool negative = (a.mantissa_ < 0) != (b.mantissa_ < 0);
  // The result mantissa is a × 10^k / b with k = scale - a.scale + b.scale, in -18..36.
  const int k = scale - a.scale_ + b.scale_;
  UInt128 dividend = magnitude_of(a.mantissa_);
  UInt128 divisor = magnitude_of(b.mantissa_);
  UInt128 quotient = 0;
  UInt128 remainder = 0;
  if (k <= 18) {
    if (k >= 0) {
      dividend *= pow10(k);
    } else {
      divisor *= pow10(-k);
    }
    quotient = dividend / divisor;
    remainder = dividend % divisor;
  } else {
    // 10^k would overflow 128 bits: divide by 10^18 first, then carry the remainder through the
    // remaining 10^(k-18) (the remainder is below the 64-bit divisor, so that product fits).
    dividend *= pow10(18);
    const UInt128 head = dividend / divisor;
    if (head > magnitude_limit(negative)) return arithmetic_overflow(a, "/", b);
    const UInt128 rest_scale = pow10(k - 18);
    const UInt128 carried = (dividend % divisor) * rest_scale;
    quotient = head * rest_scale + carried / divisor;
    remainder = carried % divisor;
  }
  const UInt128 magnitude = round_magnitude(quotient, remainder, divisor, negative, mode);
  if (magnitude > magnitude_limit(negative)) return arithmetic_overflow(a, "/", b);
  return Decimal(signed_mantissa(magnitude, negative), scale);
}

Decimal operator+(Decimal a, Decimal b) {
  return or_throw(checked_add(a, b));
}
Decimal operator-(Decimal a, Decimal b) {
  return or_throw(checked_sub(a, b));
}
Decimal operator*(Decimal a, Decimal b) {
  return or_throw(checked_mul(a, b));
}

std::strong_ordering operator<=>(Decimal a, Decimal b) {
  if (a.scale_ == b.scale_) return a.mantissa_ <=> b.mantissa_;
  const int scale = std::max<int>(a.scale_, b.scale_);
  const Int128 x = aligned(a, scale);
  const Int128 y = aligned(b, scale);
  if (x < y) return std::strong_ordering::less;
  return x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
}

bool operator==(Decimal a, Decimal b) {
  return (a <=> b) == std::strong_ordering::equal;
}

}  // namespace sigtrader::core
