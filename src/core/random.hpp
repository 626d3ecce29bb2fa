#pragma once

#include <cstdint>
#include <random>

namespace sigtrader::core {

// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose sequence is fixed by its
// definition, so the same seed gives the same numbers on every platform and standard library. Its
// finaliser also turns nearby seeds into unrelated ones (Random::stream_seed).
class SplitMix64 {
 public:
  // Added to the state before every draw.
  static constexpr std::uint64_t kGamma = 0x9E3779B97F4A7C15ULL;

  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += kGamma);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

// Seeded random draws that give the same numbers on every platform and compiler. The standard
// fixes mt19937_64's output but not that of std::uniform_real_distribution or
// std::normal_distribution, so the conversions to doubles are written here, from raw 64-bit draws
// and with nothing but exact operations (bit shifts, sums and one scaling), never log, exp or cos.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // An independent stream for `stream` under `seed` (a symbol's noise, a channel's posts), so that
  // adding a stream never changes the draws of the others.
  static std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next_u64() { return engine_(); }
  // Uniform in [0, 1): the top 53 bits of a draw, exactly representable.
  double uniform();
  // Uniform in [low, high).
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  // Uniform integer in [0, n) without modulo bias (rejection); n > 0.
  std::uint64_t below(std::uint64_t n);
  // Uniform integer in [low, high] (both included); low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);
  // True with probability p.
  bool chance(double p) { return uniform() < p; }
  // Approximately standard normal: the sum of twelve uniforms minus six (Irwin–Hall), which has
  // mean 0 and variance exactly 1 and never leaves [-6, 6]. Bounded tails are a feature here: a
  // price path driven by it cannot jump arbitrarily far in one step.
  double normal();

 private:
  std::mt19937_64 engine_;
};

}  // namespace sigtrader::core
