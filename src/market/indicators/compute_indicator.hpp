#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/result.hpp"
#include "market/indicators/indicator_spec.hpp"

namespace sigtrader::market::indicators {

// Candle columns as contiguous arrays, all the same length (time_ns may be empty).
struct OhlcvSpans {
  std::span<const double> open, high, low, close, volume;
  std::span<const std::int64_t> time_ns;
};

// Runs the batch form of `spec` over `input`, writing outputs[k] for columns[k]; each output
// must be as long as input.close. Missing or mismatched inputs are an error.
core::Status compute_indicator(const IndicatorSpec& spec, const OhlcvSpans& input,
                               std::span<const std::span<double>> outputs);

// As above, allocating one vector per output column.
core::Result<std::vector<std::vector<double>>> compute_indicator(const IndicatorSpec& spec,
                                                                 const OhlcvSpans& input);

}  // namespace sigtrader::market::indicators
