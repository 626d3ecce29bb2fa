#pragma once

#include <span>
#include <vector>

namespace sigtrader::ai {

// Calibration of a classifier's probabilities (Guo et al., "On Calibration of Modern Neural
// Networks", 2017). Each row of `probabilities` is one example's distribution over the labels and
// `truth` holds the index of its true label; the two have the same length and every index is in
// range (a mismatch is a bug and aborts). Probabilities below kProbabilityFloor count as the
// floor, so a zero never makes a logarithm infinite.
inline constexpr double kProbabilityFloor = 1e-9;

// The temperature T > 0 that minimises the mean negative log-likelihood of
// softmax(log p / T) on the examples: T > 1 softens an over-confident model, T < 1 sharpens an
// under-confident one. Found by golden-section search on log T in [-3, 3] (T in [0.05, 20]),
// where the likelihood has a single minimum; deterministic. 1 when there are no examples.
double fit_temperature(std::span<const std::vector<double>> probabilities,
                       std::span<const int> truth);

// Replaces p by softmax(log p / temperature) in place: p^(1/T), renormalised to sum to 1.
void apply_temperature(std::span<double> probabilities, double temperature);

// Expected calibration error over 10 equal-width bins of the top-1 confidence, bin m holding
// confidences in (m/10, (m+1)/10]: the sum over bins of |accuracy - mean confidence| weighted by
// the bin's share of the examples. The top-1 label is the first of the highest probabilities.
// 0 when there are no examples.
double expected_calibration_error(std::span<const std::vector<double>> probabilities,
                                  std::span<const int> truth);

// Multi-class Brier score: the mean over examples of sum_k (p_k - [k is the true label])^2;
// 0 is perfect, 2 the worst. 0 when there are no examples.
double brier_score(std::span<const std::vector<double>> probabilities, std::span<const int> truth);

}  // namespace sigtrader::ai
