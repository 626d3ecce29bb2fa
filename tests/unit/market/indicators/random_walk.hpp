#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::market::indicators::testing {

// A fixed-seed pseudo-random OHLCV walk around 100, for streaming-versus-batch comparisons.
struct RandomWalk {
  std::vector<double> open, high, low, close, volume;
};

inline RandomWalk make_random_walk(std::size_t count, std::uint64_t seed = 42) {
  std::mt19937_64 engine(seed);  // the engine's output sequence is fixed by the standard
  auto step = [&engine] { return static_cast<double>(engine() % 2001) / 1000.0 - 1.0; };
  RandomWalk walk;
  double price = 100.0;
  for (std::size_t i = 0; i < count; ++i) {
    const double open = price;
    price = std::max(1.0, price + step());
    walk.open.push_back(open);
    walk.close.push_back(price);
    walk.high.push_back(std::max(open, price) + std::abs(step()) * 0.5);
    walk.low.push_back(std::min(open, price) - std::abs(step()) * 0.5);
    walk.volume.push_back(1000.0 + 500.0 * step());
  }
  // A flat stretch exercises the zero-change and zero-deviation paths.
  for (std::size_t i = count / 2; i < count / 2 + 40 && i < count; ++i) {
    walk.open[i] = walk.high[i] = walk.low[i] = walk.close[i] = walk.close[count / 2];
  }
  return walk;
}

// Equal bit for bit, or both NaN.
inline void expect_identical(const std::vector<double>& expected, const std::vector<double>& actual,
                             const char* what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (std::isnan(expected[i])) {
      ASSERT_TRUE(std::isnan(actual[i])) << what << " at " << i;
    } else {
      ASSERT_EQ(expected[i], actual[i]) << what << " at " << i;
    }
  }
}

// How many leading values are NaN.
inline std::size_t leading_nans(const std::vector<double>& values) {
  std::size_t count = 0;
  while (count < values.size() && std::isnan(values[count]))
    ++count;
  return count;
}

}  // namespace sigtrader::market::indicators::testing
