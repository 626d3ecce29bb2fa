#include "risk/sizer_edge.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace sigtrader::risk {
namespace {

TEST(SizerEdge, ExpectancyCountsEveryLossAsOneR) {
  // W 0.3, average win 1 R: 0.3 × 1 − 0.7 × 1 = −0.4 R.
  EXPECT_DOUBLE_EQ(expectancy_r({0.3, 1.0, 25}), -0.4);
  // W 0.55, average win 1.5 R: 0.825 − 0.45 = 0.375 R.
  EXPECT_DOUBLE_EQ(expectancy_r({0.55, 1.5, 25}), 0.375);
}

TEST(SizerEdge, TrustMultiplierIsOneForABreakEvenChannel) {
  // W 0.4, average win 1.5 R: 0.6 − 0.6 = 0 R → 1 + 0 = 1.
  EXPECT_DOUBLE_EQ(trust_multiplier({}, {0.4, 1.5, 25}), 1.0);
}

TEST(SizerEdge, TrustMultiplierFallsLinearlyWithNegativeExpectancy) {
  // E = −0.4 R → 1 − 0.4 = 0.6.
  EXPECT_DOUBLE_EQ(trust_multiplier({}, {0.3, 1.0, 25}), 0.6);
  // Half the sensitivity halves the change: 1 − 0.5 × 0.4 = 0.8.
  EXPECT_DOUBLE_EQ(trust_multiplier({.sensitivity = 0.5}, {0.3, 1.0, 25}), 0.8);
}

TEST(SizerEdge, TrustMultiplierStopsAtTheFloorAndTheCap) {
  // W 0.1, average win 1 R: E = 0.1 − 0.9 = −0.8 → 0.2, below the floor 0.25.
  EXPECT_DOUBLE_EQ(trust_multiplier({}, {0.1, 1.0, 25}), 0.25);
  // W 0.6, average win 2 R: E = 1.2 − 0.4 = 0.8 → 1.8, above the cap 1.5.
  EXPECT_DOUBLE_EQ(trust_multiplier({}, {0.6, 2.0, 25}), 1.5);
}

TEST(SizerEdge, TrustMultiplierIsNeutralBelowTheMinimumSignalCount) {
  // 19 closed signals, 20 required: the terrible record is not trusted yet either way.
  EXPECT_DOUBLE_EQ(trust_multiplier({}, {0.1, 1.0, 19}), 1.0);
  EXPECT_DOUBLE_EQ(trust_multiplier({.min_signals = 5}, {0.1, 1.0, 5}), 0.25);
}

TEST(SizerEdge, KellyFractionMatchesHandWorkedExamples) {
  // W 0.55, R 1.5: 0.55 − 0.45 / 1.5 = 0.55 − 0.3 = 0.25.
  EXPECT_NEAR(kelly_fraction(0.55, 1.5), 0.25, 1e-12);
  // W 0.6, R 1: 0.6 − 0.4 = 0.2.
  EXPECT_NEAR(kelly_fraction(0.6, 1.0), 0.2, 1e-12);
  // W 0.5, R 1: a coin flip at even odds has no edge.
  EXPECT_NEAR(kelly_fraction(0.5, 1.0), 0.0, 1e-12);
  // W 0.3, R 1: 0.3 − 0.7 = −0.4.
  EXPECT_NEAR(kelly_fraction(0.3, 1.0), -0.4, 1e-12);
}

TEST(SizerEdge, ValidateNamesAWinRateOutsideZeroToOne) {
  const auto status = validate(ChannelTrust{1.2, 1.0, 10});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(), "channel win rate 1.2 is outside 0..1");
  EXPECT_FALSE(validate(ChannelTrust{std::numeric_limits<double>::quiet_NaN(), 1.0, 10}).ok());
  EXPECT_FALSE(validate(ChannelTrust{0.5, -1.0, 10}).ok());
  EXPECT_TRUE(validate(ChannelTrust{0.5, 1.0, 10}).ok());
}

TEST(SizerEdge, ValidateRefusesAFloorAboveTheCap) {
  const auto status = validate(TrustWeighting{.floor = 2.0, .cap = 1.5});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(),
            "trust weighting floor 2 and cap 1.5 must satisfy 0 <= floor <= cap");
  EXPECT_TRUE(validate(TrustWeighting{}).ok());
}

}  // namespace
}  // namespace sigtrader::risk
