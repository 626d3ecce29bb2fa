// libFuzzer target for Decimal: arbitrary bytes must either parse or fail with a message, never
// crash, and whatever parses must round-trip and survive arithmetic with edge-case operands.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/decimal.hpp"

namespace {

// checked_add and friends are hidden friends of Decimal, found by argument-dependent lookup.
using sigtrader::core::Decimal;
using sigtrader::core::ErrorCode;
using sigtrader::core::Rounding;

void require(bool condition, const char* property, std::string_view text) {
  if (condition) return;
  std::fprintf(stderr, "decimal_fuzz: %s fails for \"%.*s\"\n", property,
               static_cast<int>(text.size()), text.data());
  std::abort();
}

constexpr std::array<Rounding, 5> kModes = {Rounding::kDown, Rounding::kUp, Rounding::kNearest,
                                            Rounding::kHalfEven, Rounding::kTowardZero};

// Operands at the edges: the int64 limits, the smallest step, zero, ticks and a negative.
const std::array<Decimal, 10>& operands() {
  static const std::array<Decimal, 10> values = {
      Decimal::parse("0.01"),
      Decimal::parse("0.00000001"),
      Decimal::parse("5"),
      Decimal::parse("-1"),
      Decimal::parse("0"),
      Decimal::parse("9223372036854775807"),
      Decimal::parse("-9223372036854775808"),
      Decimal::parse("0.000000000000000001"),
      Decimal::parse("68123.5"),
      Decimal::parse("-9.223372036854775808"),
  };
  return values;
}

void check_rounding(Decimal value, Decimal increment, std::string_view text) {
  for (Rounding mode : kModes) {
    auto rounded = value.round_to(increment, mode);
    if (!increment.is_positive()) {
      require(!rounded.ok() && rounded.error().code() == ErrorCode::kInvalidArgument,
              "round_to rejects a non-positive increment", text);
      continue;
    }
    if (!rounded) {
      require(rounded.error().code() == ErrorCode::kOverflow, "round_to fails only by overflow",
              text);
      continue;
    }
    require(rounded->scale() == increment.scale(), "round_to keeps the increment's scale", text);
    require(rounded->is_multiple_of(increment), "round_to gives a multiple", text);
    if (mode == Rounding::kDown) require(*rounded <= value, "kDown does not go up", text);
    if (mode == Rounding::kUp) require(*rounded >= value, "kUp does not go down", text);
  }
}

void check_arithmetic(Decimal value, Decimal other, std::string_view text) {
  // Undoing a sum or a difference works at the larger scale, where `value` itself may not fit.
  const bool fits_common_scale =
      value.rescaled(std::max(value.scale(), other.scale()), Rounding::kDown).ok();
  if (auto sum = checked_add(value, other)) {
    auto back = checked_sub(*sum, other);
    require(back.ok() == fits_common_scale && (!back.ok() || *back == value), "(a + b) - b == a",
            text);
  }
  if (auto difference = checked_sub(value, other)) {
    auto back = checked_add(*difference, other);
    require(back.ok() == fits_common_scale && (!back.ok() || *back == value), "(a - b) + b == a",
            text);
  }
  auto product = checked_mul(value, other);
  auto swapped = checked_mul(other, value);
  require(product.ok() == swapped.ok(), "multiplication commutes", text);
  if (product) require(*product == *swapped, "multiplication commutes", text);

  for (int scale : {0, 2, 8, 18}) {
    for (Rounding mode : kModes) {
      auto quotient = checked_div(value, other, scale, mode);
      if (other.is_zero()) {
        require(!quotient.ok() && quotient.error().code() == ErrorCode::kInvalidArgument,
                "division by zero is rejected", text);
      } else if (quotient) {
        require(quotient->scale() == scale, "division gives the requested scale", text);
      }
    }
  }
  require((value <=> other) == (0 <=> (other <=> value)), "comparison is antisymmetric", text);
  require((value == other) == ((value <=> other) == 0), "== agrees with <=>", text);
  (void)value.is_multiple_of(other);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = Decimal::try_parse(text);
  if (!parsed) {
    require(!parsed.error().message().empty(), "an error has a message", text);
    return 0;
  }
  const Decimal value = *parsed;

  const std::string formatted = value.to_string();
  char buffer[Decimal::kMaxChars];
  const std::size_t length = value.format_to(buffer);
  require(std::string_view(buffer, length) == formatted, "format_to matches to_string", text);
  auto reparsed = Decimal::try_parse(formatted);
  require(reparsed.ok(), "to_string parses back", text);
  require(reparsed->mantissa() == value.mantissa() && reparsed->scale() == value.scale(),
          "to_string round-trips mantissa and scale", text);

  for (Decimal other : operands()) {
    check_rounding(value, other, text);
    check_arithmetic(value, other, text);
  }
  for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
    (void)value.rescaled(scale, Rounding::kHalfEven);
    (void)Decimal::from_double(value.to_double(), scale);
  }
  return 0;
}
