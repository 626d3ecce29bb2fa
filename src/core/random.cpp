#include "core/random.hpp"

#include "core/assert.hpp"

namespace sigtrader::core {

std::uint64_t Random::stream_seed(std::uint64_t seed, std::uint64_t stream) {
  // SplitMix64's finaliser (Steele, Lea and Flood 2014) over seed and stream, so that nearby
  // seeds and streams give unrelated generators.
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Random::uniform() {
  constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;
  return static_cast<double>(next_u64() >> 11) * kTwoToMinus53;
}

std::uint64_t Random::below(std::uint64_t n) {
  SIGTRADER_ASSERT(n > 0, "Random::below needs a positive bound");
  // The largest multiple of n that fits: draws at or above it are redrawn.
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  for (;;) {
    const std::uint64_t draw = next_u64();
    if (draw < limit) return draw % n;
  }
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) {
  SIGTRADER_ASSERT(low <= high, "Random::between needs low <= high");
  const auto span = static_cast<std::uint64_t>(high - low) + 1;
  return low + static_cast<std::int64_t>(below(span));
}

double Random::normal() {
  double sum = 0;
  for (int i = 0; i < 12; ++i)
    sum += uniform();
  return sum - 6.0;
}

}  // namespace sigtrader::core
