#include "core/random.hpp"

#include "core/assert.hpp"

namespace sigtrader::core {

std::uint64_t Random::stream_seed(std::uint64_t seed, std::uint64_t stream) {
  // SplitMix64's finaliser over seed + kGamma × (stream + 1), so that nearby seeds and streams
  // give unrelated generators: the first draw of a SplitMix64 started `stream` steps on.
  return SplitMix64(seed + SplitMix64::kGamma * stream).next();
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
