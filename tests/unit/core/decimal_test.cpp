#include "core/decimal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

Decimal d(std::string_view text) {
  return Decimal::parse(text);
}

// Exchange-style strings that must format back to exactly the same text.
// clang-format off
constexpr std::string_view kExchangeStrings[] = {
    // Binance spot/futures prices and quantities.
    "68123.50", "68123.5", "68123.51", "68123.00", "68123", "0.00001234", "0.00001000",
    "0.00000001", "0.1", "0.10", "0.10000000", "100", "100.00", "100.00000000", "1", "1.0",
    "0.01", "0.001", "0.0001", "0.00100000", "42000.01000000", "3500.12", "2650.7", "1.2345",
    "0.5", "0.25", "0.125", "12.3456789", "99999.99", "0.00000100", "25.00000000", "0.00010000",
    "1000.00000000", "0.00001", "35000.00000000",
    // Bybit style: fewer decimals, integer ticks, linear contract sizes.
    "0.010", "120", "1.5", "50000", "0.0005", "3.141", "64210.5", "0.000001", "1000000",
    "2500.75",
    // Negative values: PnL, funding, short positions.
    "-42.125", "-0.5", "-1", "-0.00001234", "-68123.50", "-0.000000000000000001",
    "-1000000000000", "-0.10", "-7.00", "-0.0001",
    // Funding rates, mark prices and fee amounts.
    "-0.00003750", "0.0025", "1.25", "27.3", "0.00000500", "-0.00000001", "4200", "0.30000000",
    "1900.0", "-3.5",
    // Zeros with and without decimals.
    "0", "0.0", "0.00", "0.00000000", "0.000000000000000000",
    // Extremes of the documented range.
    "1000000000000",          // a SHIB quantity of 10^12
    "1000000000000.000000",   // 10^12 with 6 decimals: mantissa 10^18
    "10000000.00000000",      // a BTC price of 10^7 with 8 decimals
    "0.000000000000000001",   // the smallest positive value
    "9223372036854775807",    // the largest mantissa at scale 0
    "-9223372036854775808",   // the smallest mantissa at scale 0
    "9.223372036854775807",   // the largest mantissa at scale 18
    "-9.223372036854775808",  // the smallest mantissa at scale 18
    "922337203685477580.7",   // the largest mantissa at scale 1
    "0.999999999999999999",   // 18 nines
    "999999999999999999", "123456789012345678", "1234567890.12345678",  // 18 significant digits
    "9223372036.854775807",   // 19 significant digits, the largest mantissa
    // Trailing zeros carry the scale and must be kept.
    "1.000000000000000000", "5.000", "10.0", "100.000", "0.500", "1.10", "20.20", "3.1400",
    "7.70000", "0.12345000", "123.000000000000000",
    // Assorted tick and step sizes from exchange filters.
    "0.00000010", "1.00000000", "10.00000000", "0.01000000", "0.05", "0.000005", "0.0000001",
    "5", "10", "0.2",
};
// clang-format on

TEST(Decimal, RoundTripsExchangeStringsExactly) {
  EXPECT_GE(std::size(kExchangeStrings), 100u);
  for (std::string_view text : kExchangeStrings) {
    auto parsed = Decimal::try_parse(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message();
    EXPECT_EQ(parsed->to_string(), text);
    char buffer[Decimal::kMaxChars];
    EXPECT_EQ(std::string_view(buffer, parsed->format_to(buffer)), text);
  }
}

TEST(Decimal, ParsesMantissaAndScaleFromTheText) {
  EXPECT_EQ(d("68123.50").mantissa(), 6812350);
  EXPECT_EQ(d("68123.50").scale(), 2);
  EXPECT_EQ(d("0.00001234").mantissa(), 1234);
  EXPECT_EQ(d("0.00001234").scale(), 8);
  EXPECT_EQ(d("-9223372036854775808").mantissa(), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(d("10000000.00000000").mantissa(), 1'000'000'000'000'000);
  EXPECT_EQ(d("0.000000000000000001").scale(), 18);
}

// "1234" with the point placed `scale` digits from the right, padded with leading zeros; built
// with plain string operations, independently of the formatter under test.
std::string with_point(std::int64_t mantissa, int scale) {
  const bool negative = mantissa < 0;
  std::string digits = std::to_string(mantissa);
  if (negative) digits.erase(0, 1);
  if (scale > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale)) {
      digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

TEST(Decimal, RoundTripsHundredsOfGeneratedMantissasAndScales) {
  constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
  // clang-format off
  const std::int64_t mantissas[] = {0, 1, 5, 9, 10, 12, 99, 100, 1234, 6812350, 10000000,
                                    123456789, 1000000000000, 999999999999999999,
                                    1000000000000000000, kLargest};
  // clang-format on
  int checked = 0;
  for (std::int64_t mantissa : mantissas) {
    for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
      for (std::int64_t sign : {1, -1}) {
        if (sign < 0 && mantissa == 0) continue;  // "-0" formats as "0"
        const std::string text = with_point(sign * mantissa, scale);
        auto parsed = Decimal::try_parse(text);
        ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message();
        EXPECT_EQ(parsed->mantissa(), sign * mantissa) << text;
        EXPECT_EQ(parsed->scale(), scale) << text;
        EXPECT_EQ(parsed->to_string(), text);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 500);
}

TEST(Decimal, RoundTripsTheMostNegativeMantissaAtEveryScale) {
  for (int scale = 0; scale <= Decimal::kMaxScale; ++scale) {
    const std::string text = with_point(std::numeric_limits<std::int64_t>::min(), scale);
    EXPECT_EQ(d(text).to_string(), text);
  }
}

struct Rejected {
  std::string_view text;
  ErrorCode code;
};

TEST(Decimal, RejectsTextThatIsNotADecimalNumber) {
  const Rejected cases[] = {
      {"", ErrorCode::kParse},
      {"-", ErrorCode::kParse},
      {"+", ErrorCode::kParse},
      {".", ErrorCode::kParse},
      {"-.", ErrorCode::kParse},
      {"1.2.3", ErrorCode::kParse},
      {"1,000", ErrorCode::kParse},
      {"12,5", ErrorCode::kParse},
      {" 1", ErrorCode::kParse},
      {"1 ", ErrorCode::kParse},
      {"abc", ErrorCode::kParse},
      {"1e", ErrorCode::kParse},
      {"1e+", ErrorCode::kParse},
      {"1e-", ErrorCode::kParse},
      {"1ee5", ErrorCode::kParse},
      {"e5", ErrorCode::kParse},
      {".e5", ErrorCode::kParse},
      {"1e5.0", ErrorCode::kParse},
      {"nan", ErrorCode::kParse},
      {"NaN", ErrorCode::kParse},
      {"inf", ErrorCode::kParse},
      {"-inf", ErrorCode::kParse},
      {"Infinity", ErrorCode::kParse},
      {"0x10", ErrorCode::kParse},
      {"+-1", ErrorCode::kParse},
      {"--1", ErrorCode::kParse},
      {"1-", ErrorCode::kParse},
      {"1_000", ErrorCode::kParse},
      {"\xd9\xa1\xd9\xa2", ErrorCode::kParse},  // Arabic-Indic digits are not ASCII digits
      {std::string_view("1\0", 2), ErrorCode::kParse},
      {"1e-19", ErrorCode::kOverflow},                  // 19 decimal places
      {"0.0000000000000000001", ErrorCode::kOverflow},  // 19 decimal places
      {"99999999999999999999", ErrorCode::kOverflow},   // 20 significant digits
      {"9223372036854775808", ErrorCode::kOverflow},    // one past the largest mantissa
      {"-9223372036854775809", ErrorCode::kOverflow},   // one past the smallest mantissa
      {"9.223372036854775808", ErrorCode::kOverflow},
      {"1e19", ErrorCode::kOverflow},
      {"1e999999999999", ErrorCode::kOverflow},
      {"1.5e-999999999999", ErrorCode::kOverflow},
      {"12345678901234567891", ErrorCode::kOverflow},
  };
  for (const auto& [text, code] : cases) {
    auto parsed = Decimal::try_parse(text);
    ASSERT_FALSE(parsed.ok()) << '"' << text << "\" parsed as " << parsed->to_string();
    EXPECT_EQ(parsed.error().code(), code) << text << ": " << parsed.error().message();
  }
}

TEST(Decimal, ErrorMessagesNameTheTextThePositionAndWhatWasExpected) {
  EXPECT_EQ(Decimal::try_parse("12,5").error().message(),
            "\"12,5\" is not a decimal number: unexpected ',' at position 2 (expected digits, "
            "'.', or an exponent)");
  EXPECT_EQ(Decimal::try_parse("1.2.3").error().message(),
            "\"1.2.3\" is not a decimal number: unexpected '.' at position 3 (expected digits "
            "or an exponent)");
  EXPECT_EQ(Decimal::try_parse("+-1").error().message(),
            "\"+-1\" is not a decimal number: unexpected '-' at position 1 (expected digits or "
            "'.')");
  EXPECT_EQ(Decimal::try_parse(" 1").error().message(),
            "\" 1\" is not a decimal number: unexpected ' ' at position 0 (expected a sign, "
            "digits or '.')");
  EXPECT_EQ(Decimal::try_parse("").error().message(),
            "\"\" is not a decimal number: the text is empty (expected digits)");
  EXPECT_EQ(Decimal::try_parse("1e").error().message(),
            "\"1e\" is not a decimal number: the exponent has no digits");
  EXPECT_EQ(Decimal::try_parse("1e-19").error().message(),
            "\"1e-19\" does not fit a decimal: it needs 19 decimal places (expected at most 18)");
  EXPECT_NE(Decimal::try_parse("99999999999999999999").error().message().find("significant"),
            std::string::npos);
}

TEST(Decimal, ErrorMessagesEscapeAndShortenHostileText) {
  const std::string message = Decimal::try_parse("1\n").error().message();
  EXPECT_EQ(message,
            "\"1\\x0a\" is not a decimal number: unexpected byte 0x0a at position 1 (expected "
            "digits, '.', or an exponent)");
  const std::string long_text(1000, '7');
  const std::string long_message = Decimal::try_parse(long_text + "x").error().message();
  EXPECT_LT(long_message.size(), 200u);
  EXPECT_NE(long_message.find("(1001 characters)"), std::string::npos);
}

TEST(Decimal, ParseAbortsOnBadText) {
  EXPECT_DEATH((void)Decimal::parse("1,5"), "not a decimal number");
}

TEST(Decimal, AcceptsSignsLeadingZerosAndBarePoints) {
  EXPECT_EQ(d("+5").to_string(), "5");
  EXPECT_EQ(d(".5").to_string(), "0.5");
  EXPECT_EQ(d("5.").to_string(), "5");
  EXPECT_EQ(d("-.25").to_string(), "-0.25");
  EXPECT_EQ(d("00012.50").to_string(), "12.50");
  EXPECT_EQ(d("-0").to_string(), "0");
  EXPECT_EQ(d("-0.00").to_string(), "0.00");
}

TEST(Decimal, FoldsScientificNotationIntoTheScale) {
  EXPECT_EQ(d("1e-8"), d("0.00000001"));
  EXPECT_EQ(d("1e-8").scale(), 8);
  EXPECT_EQ(d("1e-8").to_string(), "0.00000001");
  EXPECT_EQ(d("1.5E+3").to_string(), "1500");
  EXPECT_EQ(d("1.5e3").to_string(), "1500");
  EXPECT_EQ(d("1E2").to_string(), "100");
  EXPECT_EQ(d("2.5e-3").to_string(), "0.0025");
  EXPECT_EQ(d("-1.25e1").to_string(), "-12.5");
  EXPECT_EQ(d("1.234e-5").to_string(), "0.00001234");
  EXPECT_EQ(d("123.4500e-1").to_string(), "12.34500");
  EXPECT_EQ(d("6.81235e4").to_string(), "68123.5");
  EXPECT_EQ(d("1e0").to_string(), "1");
  EXPECT_EQ(d("1e18").to_string(), "1000000000000000000");
  EXPECT_EQ(d("1e-18").to_string(), "0.000000000000000001");
  EXPECT_EQ(d("0e5").to_string(), "0");
  EXPECT_EQ(d("0E-5").to_string(), "0.00000");
  EXPECT_EQ(d("9.223372036854775807e18").to_string(), "9223372036854775807");
}

TEST(Decimal, DropsTrailingFractionZerosOnlyWhenTheyDoNotFit) {
  // 20 fraction zeros: two more than the 18 decimals a decimal holds.
  EXPECT_EQ(d("1.00000000000000000000").to_string(), "1.000000000000000000");
  // 16 fraction digits need a 21-digit mantissa; 14 give 6812350000000000000, which fits.
  EXPECT_EQ(d("68123.5000000000000000").to_string(), "68123.50000000000000");
  EXPECT_EQ(d("0.0000000000000000010").to_string(), "0.000000000000000001");
  // 19 digits over the int64 range with a zero decimal: the decimal goes, the value stays.
  EXPECT_EQ(d("999999999999999999.0").to_string(), "999999999999999999");
  EXPECT_EQ(d("1.0e-18").to_string(), "0.000000000000000001");
  EXPECT_EQ(d("12345678901234567890e-5").to_string(), "123456789012345.6789");
  EXPECT_EQ(d("0.00000000000000000000000").to_string(), "0.000000000000000000");
  EXPECT_EQ(d("0e-999").to_string(), "0.000000000000000000");
}

TEST(Decimal, ComparesByValueAcrossScales) {
  EXPECT_EQ(d("68123.5"), d("68123.50"));
  EXPECT_EQ(d("1"), d("1.000000000000000000"));
  EXPECT_EQ(d("0"), d("-0.00"));
  EXPECT_LT(d("0.1"), d("0.10001"));
  EXPECT_GT(d("0.10001"), d("0.1"));
  EXPECT_NE(d("0.1"), d("0.10001"));
  EXPECT_LT(d("-1"), d("-0.5"));
  EXPECT_LT(d("-68123.51"), d("-68123.5"));
  EXPECT_GT(d("9223372036854775807"), d("9223372036854.775807"));
  EXPECT_LT(d("-9223372036854775808"), d("-0.000000000000000001"));
  EXPECT_GT(d("0.000000000000000001"), d("0"));
  EXPECT_GT(d("9.223372036854775807"), d("9.22337203685477580"));
  EXPECT_EQ(d("68123.5") <=> d("68123.50"), std::strong_ordering::equal);
  EXPECT_EQ(d("-2") <=> d("1.5"), std::strong_ordering::less);

  std::vector<Decimal> values = {d("1.5"), d("-2"), d("0.000001"), d("1.50"), d("100"), d("-2.01")};
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values.front().to_string(), "-2.01");
  EXPECT_EQ(values.back().to_string(), "100");
}

struct RoundCase {
  std::string_view value;
  std::string_view increment;
  Rounding mode;
  std::string_view expected;
};

TEST(Decimal, RoundsToATickOrStepByEveryMode) {
  using enum Rounding;
  // Every answer worked by hand: value / increment, rounded, times increment.
  const RoundCase cases[] = {
      // 1.239 / 0.01 = 123.9
      {"1.239", "0.01", kDown, "1.23"},
      {"1.239", "0.01", kUp, "1.24"},
      {"1.239", "0.01", kNearest, "1.24"},
      {"1.239", "0.01", kHalfEven, "1.24"},
      {"1.239", "0.01", kTowardZero, "1.23"},
      // -1.231 / 0.01 = -123.1
      {"-1.231", "0.01", kDown, "-1.24"},
      {"-1.231", "0.01", kUp, "-1.23"},
      {"-1.231", "0.01", kNearest, "-1.23"},
      {"-1.231", "0.01", kHalfEven, "-1.23"},
      {"-1.231", "0.01", kTowardZero, "-1.23"},
      // Ties: 1.235 / 0.01 = 123.5 (odd below), 1.245 / 0.01 = 124.5 (even below).
      {"1.235", "0.01", kNearest, "1.24"},
      {"1.235", "0.01", kHalfEven, "1.24"},
      {"1.245", "0.01", kNearest, "1.25"},
      {"1.245", "0.01", kHalfEven, "1.24"},
      {"1.245", "0.01", kDown, "1.24"},
      {"1.245", "0.01", kUp, "1.25"},
      {"-1.245", "0.01", kNearest, "-1.25"},
      {"-1.245", "0.01", kHalfEven, "-1.24"},
      {"-1.245", "0.01", kDown, "-1.25"},
      {"-1.245", "0.01", kUp, "-1.24"},
      {"-1.245", "0.01", kTowardZero, "-1.24"},
      // A step of 0.5: 2.75 / 0.5 = 5.5, 2.25 / 0.5 = 4.5.
      {"2.75", "0.5", kDown, "2.5"},
      {"2.75", "0.5", kUp, "3.0"},
      {"2.75", "0.5", kHalfEven, "3.0"},
      {"2.25", "0.5", kNearest, "2.5"},
      {"2.25", "0.5", kHalfEven, "2.0"},
      // Integer ticks: 15 / 10 = 1.5, 25 / 10 = 2.5, 68123 / 5 = 13624.6.
      {"15", "10", kNearest, "20"},
      {"15", "10", kHalfEven, "20"},
      {"25", "10", kNearest, "30"},
      {"25", "10", kHalfEven, "20"},
      {"-25", "10", kNearest, "-30"},
      {"-25", "10", kHalfEven, "-20"},
      {"68123", "5", kDown, "68120"},
      {"68123", "5", kUp, "68125"},
      {"68123", "5", kNearest, "68125"},
      // A tick coarser than the value: 68123.456 / 0.1 = 681234.56.
      {"68123.456", "0.1", kDown, "68123.4"},
      {"68123.456", "0.1", kUp, "68123.5"},
      {"68123.456", "0.1", kNearest, "68123.5"},
      // A value coarser than the step: 5 / 0.003 = 1666.67; 1666 × 0.003 = 4.998.
      {"5", "0.003", kDown, "4.998"},
      {"5", "0.003", kUp, "5.001"},
      {"5", "0.003", kNearest, "5.001"},
      // Already on the grid: every mode keeps it, at the increment's scale.
      {"1.23", "0.01", kDown, "1.23"},
      {"1.23", "0.01", kUp, "1.23"},
      {"1.2", "0.001", kNearest, "1.200"},
      {"0", "0.01", kUp, "0.00"},
      // A short quantity: -0.015 / 0.01 = -1.5.
      {"-0.015", "0.01", kDown, "-0.02"},
      {"-0.015", "0.01", kTowardZero, "-0.01"},
      {"-0.015", "0.01", kHalfEven, "-0.02"},
      // Small values against a small step: 0.00001234 / 0.00001 = 1.234.
      {"0.00001234", "0.00001", kDown, "0.00001"},
      {"0.00001234", "0.00001", kUp, "0.00002"},
      {"0.000000000000000001", "0.00000001", kUp, "0.00000001"},
      {"0.000000000000000001", "0.00000001", kDown, "0.00000000"},
  };
  for (const auto& c : cases) {
    auto rounded = d(c.value).round_to(d(c.increment), c.mode);
    ASSERT_TRUE(rounded.ok()) << c.value << ": " << rounded.error().message();
    EXPECT_EQ(rounded->to_string(), c.expected)
        << c.value << " to " << c.increment << " mode " << static_cast<int>(c.mode);
  }
}

TEST(Decimal, RoundToRejectsANonPositiveIncrementAndAResultThatDoesNotFit) {
  EXPECT_EQ(d("1.5").round_to(d("0"), Rounding::kDown).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(d("1.5").round_to(d("-0.1"), Rounding::kDown).error().code(),
            ErrorCode::kInvalidArgument);
  // 9223372036854775807 / 10 rounded up is 922337203685477581 steps: 9223372036854775810.
  EXPECT_EQ(d("9223372036854775807").round_to(d("10"), Rounding::kUp).error().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(d("9223372036854775807").round_to(d("10"), Rounding::kDown)->to_string(),
            "9223372036854775800");
  // 1 at 18 decimals needs a mantissa of 10^18, which fits; 10 at 18 decimals does not.
  EXPECT_EQ(d("1").round_to(d("0.000000000000000001"), Rounding::kDown)->to_string(),
            "1.000000000000000000");
  EXPECT_EQ(d("10").round_to(d("0.000000000000000001"), Rounding::kDown).error().code(),
            ErrorCode::kOverflow);
}

TEST(Decimal, RescalesWithRoundingAndDetectsOverflow) {
  EXPECT_EQ(d("1.23456").rescaled(2, Rounding::kHalfEven)->to_string(), "1.23");
  EXPECT_EQ(d("1.23456").rescaled(2, Rounding::kUp)->to_string(), "1.24");
  EXPECT_EQ(d("1.5").rescaled(0, Rounding::kHalfEven)->to_string(), "2");
  EXPECT_EQ(d("2.5").rescaled(0, Rounding::kHalfEven)->to_string(), "2");
  EXPECT_EQ(d("2.5").rescaled(0, Rounding::kNearest)->to_string(), "3");
  EXPECT_EQ(d("-2.5").rescaled(0, Rounding::kNearest)->to_string(), "-3");
  EXPECT_EQ(d("-2.5").rescaled(0, Rounding::kDown)->to_string(), "-3");
  EXPECT_EQ(d("-2.5").rescaled(0, Rounding::kTowardZero)->to_string(), "-2");
  EXPECT_EQ(d("1.5").rescaled(4, Rounding::kDown)->to_string(), "1.5000");
  EXPECT_EQ(d("-9.223372036854775808").rescaled(0, Rounding::kDown)->to_string(), "-10");
  EXPECT_EQ(d("9223372036854775807").rescaled(1, Rounding::kDown).error().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(d("1").rescaled(19, Rounding::kDown).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(d("1").rescaled(-1, Rounding::kDown).error().code(), ErrorCode::kOutOfRange);
}

TEST(Decimal, KnowsWhetherAValueIsAMultipleOfAnIncrement) {
  EXPECT_TRUE(d("0.015").is_multiple_of(d("0.005")));
  EXPECT_FALSE(d("0.016").is_multiple_of(d("0.005")));
  EXPECT_TRUE(d("68123.50").is_multiple_of(d("0.01")));
  EXPECT_TRUE(d("68123.5").is_multiple_of(d("0.01")));
  EXPECT_FALSE(d("68123.505").is_multiple_of(d("0.01")));
  EXPECT_TRUE(d("-0.3").is_multiple_of(d("0.1")));
  EXPECT_TRUE(d("100").is_multiple_of(d("0.00000001")));
  EXPECT_TRUE(d("68125").is_multiple_of(d("5")));
  EXPECT_FALSE(d("68123").is_multiple_of(d("5")));
  EXPECT_TRUE(d("0").is_multiple_of(d("0.001")));
  EXPECT_TRUE(d("-9223372036854775808").is_multiple_of(d("0.000000000000000001")));
  // A zero step (a disabled exchange filter) has only zero as a multiple.
  EXPECT_FALSE(d("1").is_multiple_of(d("0")));
  EXPECT_TRUE(d("0").is_multiple_of(d("0.00")));
}

TEST(Decimal, AddsAndSubtractsExactlyAtTheLargerScale) {
  EXPECT_EQ(checked_add(d("0.1"), d("0.02"))->to_string(), "0.12");
  EXPECT_EQ(checked_add(d("68123.50"), d("-68123.5"))->to_string(), "0.00");
  EXPECT_EQ(checked_sub(d("1"), d("0.000000000000000001"))->to_string(), "0.999999999999999999");
  EXPECT_EQ(checked_sub(d("-1.5"), d("2.25"))->to_string(), "-3.75");
  EXPECT_EQ(checked_add(d("9223372036854775807"), d("-1"))->to_string(), "9223372036854775806");
  EXPECT_EQ((d("100.5") + d("0.25")).to_string(), "100.75");
  EXPECT_EQ((d("100.5") - d("0.25")).to_string(), "100.25");
  Decimal total = d("0");
  for (int i = 0; i < 10; ++i)
    total += d("0.1");
  EXPECT_EQ(total.to_string(), "1.0");
  total -= d("0.01");
  EXPECT_EQ(total.to_string(), "0.99");
}

TEST(Decimal, DetectsOverflowAtTheInt64Edges) {
  const Decimal max = d("9223372036854775807");
  const Decimal min = d("-9223372036854775808");
  EXPECT_EQ(checked_add(max, d("1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_add(min, d("-1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_sub(min, d("1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_sub(max, d("-1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_sub(d("0"), min).error().code(), ErrorCode::kOverflow);
  // Alignment to one decimal multiplies the mantissa by 10.
  EXPECT_EQ(checked_add(max, d("0.1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_add(d("9.223372036854775807"), d("0.000000000000000001")).error().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(checked_add(max, d("1")).error().message(),
            "9223372036854775807 + 1 does not fit a decimal (the mantissa must stay within "
            "±9223372036854775807 at up to 18 decimals)");
  EXPECT_THROW((void)(max + d("1")), OverflowError);
  EXPECT_THROW((void)(min - d("1")), OverflowError);
  EXPECT_THROW((void)(max * d("2")), OverflowError);
  EXPECT_THROW((void)min.abs(), OverflowError);
  EXPECT_THROW((void)-min, OverflowError);
  EXPECT_EQ(max.abs(), max);
  EXPECT_EQ(d("-1.50").abs().to_string(), "1.50");
  EXPECT_EQ((-d("1.50")).to_string(), "-1.50");
  EXPECT_EQ((-max).to_string(), "-9223372036854775807");
}

TEST(Decimal, MultipliesExactlyAtTheNaturalScale) {
  EXPECT_EQ(checked_mul(d("68123.5"), d("0.001"))->to_string(), "68.1235");
  EXPECT_EQ(checked_mul(d("68123.50"), d("0.015"))->to_string(), "1021.85250");
  EXPECT_EQ(checked_mul(d("-2.5"), d("4"))->to_string(), "-10.0");
  EXPECT_EQ(checked_mul(d("-2.5"), d("-0.4"))->to_string(), "1.00");
  EXPECT_EQ(checked_mul(d("1000000000000"), d("0.00001234"))->to_string(), "12340000.00000000");
  EXPECT_EQ(checked_mul(d("-9223372036854775808"), d("1"))->to_string(), "-9223372036854775808");
  EXPECT_EQ(checked_mul(d("0.000000001"), d("0.000000001"))->to_string(), "0.000000000000000001");
}

TEST(Decimal, MultiplicationRoundsHalfEvenWhenTheNaturalScaleExceedsEighteen) {
  // 1e-9 × 1.5e-9 = 1.5e-18 at scale 19 (mantissa 15): half-even to 2e-18.
  EXPECT_EQ(checked_mul(d("0.000000001"), d("0.0000000015"))->to_string(), "0.000000000000000002");
  // 1e-9 × 2.5e-9 = 2.5e-18: the tie goes to the even 2.
  EXPECT_EQ(checked_mul(d("0.000000001"), d("0.0000000025"))->to_string(), "0.000000000000000002");
  EXPECT_EQ(checked_mul(d("-0.000000001"), d("0.0000000035"))->to_string(),
            "-0.000000000000000004");
  // 3.495e-9 × 1e-9 = 3.495e-18 (mantissa 3495 at scale 21): rounding once gives 3e-18; rounding
  // digit by digit would give 349.5 -> 350 -> 35 -> 3.5 -> 4.
  EXPECT_EQ(checked_mul(d("0.000000003495"), d("0.000000001"))->to_string(),
            "0.000000000000000003");
  // 1000000000.25 × 10000000.5 = 10000000502500000.125, whose mantissa at scale 3 is past int64:
  // at scale 2 the tie .125 goes to the even .12.
  EXPECT_EQ(checked_mul(d("1000000000.25"), d("10000000.5"))->to_string(), "10000000502500000.12");
}

TEST(Decimal, MultiplicationDetectsOverflow) {
  EXPECT_EQ(checked_mul(d("9223372036854775807"), d("2")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_mul(d("100000000000"), d("100000000000")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_mul(d("-9223372036854775808"), d("-1")).error().code(), ErrorCode::kOverflow);
  EXPECT_EQ(checked_mul(d("10000000000"), d("1000000000.5")).error().code(), ErrorCode::kOverflow);
}

TEST(Decimal, DividesToAScaleWithRounding) {
  using enum Rounding;
  EXPECT_EQ(checked_div(d("100"), d("3"), 8, kDown)->to_string(), "33.33333333");
  EXPECT_EQ(checked_div(d("100"), d("3"), 8, kUp)->to_string(), "33.33333334");
  EXPECT_EQ(checked_div(d("100"), d("3"), 8, kNearest)->to_string(), "33.33333333");
  EXPECT_EQ(checked_div(d("-100"), d("3"), 8, kDown)->to_string(), "-33.33333334");
  EXPECT_EQ(checked_div(d("-100"), d("3"), 8, kTowardZero)->to_string(), "-33.33333333");
  EXPECT_EQ(checked_div(d("100"), d("-3"), 8, kUp)->to_string(), "-33.33333333");
  // 1 / 8 = 0.125 and 3 / 8 = 0.375: ties at two decimals.
  EXPECT_EQ(checked_div(d("1"), d("8"), 2, kNearest)->to_string(), "0.13");
  EXPECT_EQ(checked_div(d("1"), d("8"), 2, kHalfEven)->to_string(), "0.12");
  EXPECT_EQ(checked_div(d("3"), d("8"), 2, kHalfEven)->to_string(), "0.38");
  EXPECT_EQ(checked_div(d("1021.85250"), d("68123.50"), 3, kDown)->to_string(), "0.015");
  EXPECT_EQ(checked_div(d("0.00001234"), d("0.00000002"), 0, kDown)->to_string(), "617");
  // 10^k past 128 bits (k = 18 - 0 + 1 = 19): 1 / 4.0 and 2 / 3.0 at 18 decimals.
  EXPECT_EQ(checked_div(d("1"), d("4.0"), 18, kDown)->to_string(), "0.250000000000000000");
  EXPECT_EQ(checked_div(d("2"), d("3.0"), 18, kDown)->to_string(), "0.666666666666666666");
  EXPECT_EQ(checked_div(d("2"), d("3.0"), 18, kNearest)->to_string(), "0.666666666666666667");
  EXPECT_EQ(checked_div(d("-2"), d("3.000000000000000000"), 18, kDown)->to_string(),
            "-0.666666666666666667");
}

TEST(Decimal, DivisionRejectsZeroABadScaleAndOverflow) {
  EXPECT_EQ(checked_div(d("1"), d("0"), 2, Rounding::kDown).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked_div(d("1"), d("0.00"), 2, Rounding::kDown).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked_div(d("1"), d("3"), 19, Rounding::kDown).error().code(),
            ErrorCode::kOutOfRange);
  EXPECT_EQ(checked_div(d("9223372036854775807"), d("0.1"), 0, Rounding::kDown).error().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(checked_div(d("-9223372036854775808"), d("-1"), 0, Rounding::kDown).error().code(),
            ErrorCode::kOverflow);
  // 1 / 3e-18 = 333333333333333333.33..., whose mantissa at 18 decimals is far past int64.
  EXPECT_EQ(checked_div(d("1"), d("0.000000000000000003"), 18, Rounding::kDown).error().code(),
            ErrorCode::kOverflow);
  EXPECT_EQ(checked_div(d("-9223372036854775808"), d("1"), 0, Rounding::kDown)->to_string(),
            "-9223372036854775808");
}

TEST(Decimal, ConvertsFromDoubleToTheNearestValueAtAScale) {
  EXPECT_EQ(Decimal::from_double(0.1, 8)->to_string(), "0.10000000");
  EXPECT_EQ(Decimal::from_double(68123.5, 2)->to_string(), "68123.50");
  EXPECT_EQ(Decimal::from_double(-0.00001234, 8)->to_string(), "-0.00001234");
  EXPECT_EQ(Decimal::from_double(0.0, 3)->to_string(), "0.000");
  EXPECT_EQ(Decimal::from_double(-0.0, 0)->to_string(), "0");
  // The double nearest 0.3 is 0.299999999999999988897769753748...: exact, not 0.3 × 10^18.
  EXPECT_EQ(Decimal::from_double(0.3, 18)->to_string(), "0.299999999999999989");
  EXPECT_EQ(Decimal::from_double(2.5, 0, Rounding::kNearest)->to_string(), "3");
  EXPECT_EQ(Decimal::from_double(2.5, 0, Rounding::kHalfEven)->to_string(), "2");
  EXPECT_EQ(Decimal::from_double(-2.5, 0, Rounding::kDown)->to_string(), "-3");
  EXPECT_EQ(Decimal::from_double(0.125, 2, Rounding::kHalfEven)->to_string(), "0.12");
  EXPECT_EQ(Decimal::from_double(9.2e18, 0)->to_string(), "9200000000000000000");
  EXPECT_EQ(Decimal::from_double(1e-300, 18)->to_string(), "0.000000000000000000");
  EXPECT_EQ(Decimal::from_double(1e-300, 18, Rounding::kUp)->to_string(), "0.000000000000000001");
  EXPECT_EQ(Decimal::from_double(-5e-324, 18, Rounding::kDown)->to_string(),
            "-0.000000000000000001");
}

TEST(Decimal, FromDoubleRejectsNonFiniteAndTooLargeValues) {
  EXPECT_EQ(Decimal::from_double(std::nan(""), 8).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(std::numeric_limits<double>::infinity(), 8).error().code(),
            ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(-std::numeric_limits<double>::infinity(), 0).error().code(),
            ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(1e30, 0).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(9.3e18, 0).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(10.0, 18).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_double(1.0, 19).error().code(), ErrorCode::kOutOfRange);
}

TEST(Decimal, ConvertsToDouble) {
  EXPECT_EQ(d("68123.5").to_double(), 68123.5);
  EXPECT_EQ(d("-42.125").to_double(), -42.125);
  EXPECT_EQ(d("0.00001234").to_double(), 0.00001234);
  EXPECT_EQ(d("0.1").to_double(), 0.1);
  EXPECT_EQ(d("1000000000000").to_double(), 1e12);
  EXPECT_EQ(d("0").to_double(), 0.0);
}

TEST(Decimal, BuildsFromMantissaAndScale) {
  EXPECT_EQ(Decimal::from_mantissa(6812350, 2)->to_string(), "68123.50");
  EXPECT_EQ(Decimal::from_mantissa(-1, 18)->to_string(), "-0.000000000000000001");
  EXPECT_EQ(Decimal::from_mantissa(1, 19).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_mantissa(1, -1).error().code(), ErrorCode::kOutOfRange);
  EXPECT_EQ(Decimal::from_int(-42).to_string(), "-42");
  EXPECT_EQ(Decimal().to_string(), "0");
}

TEST(Decimal, FormatsTheLongestValuesWithinTheBuffer) {
  char buffer[Decimal::kMaxChars];
  const auto length =
      Decimal::from_mantissa(std::numeric_limits<std::int64_t>::min(), 0)->format_to(buffer);
  EXPECT_EQ(std::string_view(buffer, length), "-9223372036854775808");
  const Decimal smallest = *Decimal::from_mantissa(-1, 18);
  EXPECT_EQ(std::string_view(buffer, smallest.format_to(buffer)), "-0.000000000000000001");
  EXPECT_LE(std::string("-0.000000000000000001").size(), Decimal::kMaxChars);
}

}  // namespace
}  // namespace sigtrader::core
