#include "ai/temperature_scaling.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

#include "core/assert.hpp"

namespace sigtrader::ai {
namespace {

void check_shapes(std::span<const std::vector<double>> probabilities, std::span<const int> truth) {
  SIGTRADER_ASSERT(probabilities.size() == truth.size(),
                   "calibration needs one true label per probability row");
  for (std::size_t i = 0; i < truth.size(); ++i) {
    SIGTRADER_ASSERT(truth[i] >= 0 && static_cast<std::size_t>(truth[i]) < probabilities[i].size(),
                     "a true label index is outside its probability row");
  }
}

double floored_log(double p) {
  return std::log(std::max(p, kProbabilityFloor));
}

// Mean negative log-likelihood of softmax(log p / T) at the true labels, with the usual
// max-subtraction so that small temperatures do not overflow.
double negative_log_likelihood(std::span<const std::vector<double>> probabilities,
                               std::span<const int> truth, double temperature) {
  double total = 0.0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const std::vector<double>& row = probabilities[i];
    double highest = -std::numeric_limits<double>::infinity();
    for (const double p : row)
      highest = std::max(highest, floored_log(p) / temperature);
    double sum = 0.0;
    for (const double p : row)
      sum += std::exp(floored_log(p) / temperature - highest);
    const double true_score = floored_log(row[static_cast<std::size_t>(truth[i])]) / temperature;
    total += highest + std::log(sum) - true_score;
  }
  return total / static_cast<double>(probabilities.size());
}

}  // namespace

double fit_temperature(std::span<const std::vector<double>> probabilities,
                       std::span<const int> truth) {
  check_shapes(probabilities, truth);
  if (probabilities.empty()) return 1.0;
  // The likelihood is convex in 1/T (a log-sum-exp of linear functions minus a linear one), so
  // it has one minimum along log T too, and golden-section search finds it. A fixed number of
  // steps shrinks [-3, 3] to 6 * 0.618^80 (about 1e-16): the same answer every run.
  constexpr double kInverseGolden = 0.6180339887498949;
  const auto loss = [&](double log_temperature) {
    return negative_log_likelihood(probabilities, truth, std::exp(log_temperature));
  };
  double low = -3.0;
  double high = 3.0;
  double left = high - kInverseGolden * (high - low);
  double right = low + kInverseGolden * (high - low);
  double left_loss = loss(left);
  double right_loss = loss(right);
  for (int step = 0; step < 80; ++step) {
    if (left_loss <= right_loss) {
      high = right;
      right = left;
      right_loss = left_loss;
      left = high - kInverseGolden * (high - low);
      left_loss = loss(left);
    } else {
      low = left;
      left = right;
      left_loss = right_loss;
      right = low + kInverseGolden * (high - low);
      right_loss = loss(right);
    }
  }
  return std::exp((low + high) / 2.0);
}

void apply_temperature(std::span<double> probabilities, double temperature) {
  SIGTRADER_ASSERT(temperature > 0.0 && std::isfinite(temperature),
                   "a temperature must be a positive number");
  if (probabilities.empty()) return;
  double highest = -std::numeric_limits<double>::infinity();
  for (double& p : probabilities) {
    p = floored_log(p) / temperature;
    highest = std::max(highest, p);
  }
  double sum = 0.0;
  for (double& p : probabilities) {
    p = std::exp(p - highest);
    sum += p;
  }
  for (double& p : probabilities)
    p /= sum;
}

double expected_calibration_error(std::span<const std::vector<double>> probabilities,
                                  std::span<const int> truth) {
  check_shapes(probabilities, truth);
  if (probabilities.empty()) return 0.0;
  constexpr std::size_t kBins = 10;
  std::array<double, kBins> confidence_sum{};
  std::array<double, kBins> correct_count{};
  std::array<std::size_t, kBins> count{};
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const std::vector<double>& row = probabilities[i];
    SIGTRADER_ASSERT(!row.empty(), "a probability row needs at least one label");
    const auto top = std::max_element(row.begin(), row.end());
    const double confidence = *top;
    // Bins are closed on the right: a confidence of exactly 0.3 belongs to (0.2, 0.3].
    const double scaled = std::ceil(confidence * static_cast<double>(kBins)) - 1.0;
    const auto bin =
        static_cast<std::size_t>(std::clamp(scaled, 0.0, static_cast<double>(kBins - 1)));
    confidence_sum[bin] += confidence;
    correct_count[bin] += (top - row.begin()) == truth[i] ? 1.0 : 0.0;
    ++count[bin];
  }
  double error = 0.0;
  const auto total = static_cast<double>(probabilities.size());
  for (std::size_t bin = 0; bin < kBins; ++bin) {
    if (count[bin] == 0) continue;
    const auto n = static_cast<double>(count[bin]);
    error += std::abs(correct_count[bin] / n - confidence_sum[bin] / n) * (n / total);
  }
  return error;
}

double brier_score(std::span<const std::vector<double>> probabilities, std::span<const int> truth) {
  check_shapes(probabilities, truth);
  if (probabilities.empty()) return 0.0;
  double total = 0.0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const std::vector<double>& row = probabilities[i];
    for (std::size_t k = 0; k < row.size(); ++k) {
      const double target = static_cast<int>(k) == truth[i] ? 1.0 : 0.0;
      total += (row[k] - target) * (row[k] - target);
    }
  }
  return total / static_cast<double>(probabilities.size());
}

}  // namespace sigtrader::ai
