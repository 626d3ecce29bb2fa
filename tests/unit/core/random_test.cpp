#include "core/random.hpp"

#include <cmath>
#include <cstdint>

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

TEST(Random, DrawsMt19937_64AsTheStandardFixesIt) {
  // [rand.predef]: the 10000th draw of a default-constructed mt19937_64 (seed 5489).
  Random random(5489);
  std::uint64_t draw = 0;
  for (int i = 0; i < 10000; ++i)
    draw = random.next_u64();
  EXPECT_EQ(draw, 9981545732273789042ULL);
}

TEST(SplitMix64, DrawsTheSequenceOfItsReferenceImplementation) {
  // The first draws of the reference splitmix64.c (Vigna) seeded with 0.
  SplitMix64 random(0);
  EXPECT_EQ(random.next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(random.next(), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(random.next(), 0x06C45D188009454FULL);
}

TEST(Random, StreamSeedIsSplitMix64sFinaliserOverSeedAndStream) {
  // Worked by hand (Python, 64-bit wrap-around) from z = seed + 0x9E3779B97F4A7C15 × (stream + 1)
  // through the finaliser: the demo market's seeds, so they must never change.
  EXPECT_EQ(Random::stream_seed(17, 0), 9260656408219841379ULL);
  EXPECT_EQ(Random::stream_seed(17, 3), 4130155771025092611ULL);
  EXPECT_EQ(Random::stream_seed(1, 7), 9648886400068060533ULL);
  EXPECT_EQ(Random::stream_seed(UINT64_MAX, UINT64_MAX), 13029008266876403067ULL);
}

TEST(Random, TheSameSeedGivesTheSameDrawsAndStreamsDiffer) {
  Random a(17);
  Random b(17);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(a.normal(), b.normal());
  EXPECT_NE(Random::stream_seed(17, 0), Random::stream_seed(17, 1));
  EXPECT_NE(Random::stream_seed(17, 0), Random::stream_seed(18, 0));
  EXPECT_EQ(Random::stream_seed(17, 3), Random::stream_seed(17, 3));
}

TEST(Random, UniformsAndIntegersStayInTheirRanges) {
  Random random(3);
  for (int i = 0; i < 10000; ++i) {
    const double u = random.uniform();
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
    const std::uint64_t below = random.below(7);
    EXPECT_LT(below, 7u);
    const std::int64_t between = random.between(-2, 2);
    EXPECT_GE(between, -2);
    EXPECT_LE(between, 2);
  }
}

TEST(Random, NormalHasMeanZeroVarianceOneAndBoundedTails) {
  // Irwin–Hall with twelve uniforms: mean 12 × 1/2 − 6 = 0, variance 12 × 1/12 = 1. The standard
  // error of the mean over n draws is 1/sqrt(n), that of the variance about sqrt(2/n).
  constexpr int kDraws = 100'000;
  Random random(11);
  double sum = 0;
  double squares = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double z = random.normal();
    ASSERT_LE(std::fabs(z), 6.0);
    sum += z;
    squares += z * z;
  }
  const double mean = sum / kDraws;
  EXPECT_NEAR(mean, 0.0, 4.0 / std::sqrt(kDraws));
  EXPECT_NEAR(squares / kDraws - mean * mean, 1.0, 4.0 * std::sqrt(2.0 / kDraws));
}

}  // namespace
}  // namespace sigtrader::core
