#pragma once

#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sigtrader::market::indicators {

// Two consecutive bars' values in one 16-byte vector (a GCC/Clang vector extension), for batch
// loops whose serial part is a chain of adds but whose per-bar work is not: loads, stores and the
// arithmetic off the chain then cost one instruction per two bars. Above all a divide or a square
// root, which issues only every 5 to 9 cycles, serves both bars at the cost of one. On x86-64 this
// is SSE2, part of the baseline (no -march flag); elsewhere the compiler uses what the target has.
// Each lane gets the same IEEE operation, correctly rounded, as a scalar would: the results are
// bit for bit those of the scalar code, so a batch loop on pairs still matches its streaming form.
using DoublePair = double __attribute__((vector_size(16)));

inline DoublePair load_pair(const double* values) {
  DoublePair pair;
  std::memcpy(&pair, values, sizeof pair);
  return pair;
}

inline void store_pair(double* values, DoublePair pair) {
  std::memcpy(values, &pair, sizeof pair);
}

// Both values must be >= 0 or NaN (a negative one would not set errno as std::sqrt does).
inline DoublePair square_root(DoublePair values) {
#if defined(__SSE2__)
  return _mm_sqrt_pd(values);
#else
  return DoublePair{std::sqrt(values[0]), std::sqrt(values[1])};
#endif
}

}  // namespace sigtrader::market::indicators
