#include "ai/temperature_scaling.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::ai {
namespace {

TEST(TemperatureScaling, SoftensAnOverConfidentModel) {
  // Always 90% sure of label 0, right 3 times in 5. With two labels softmax(log p / T) gives
  // label 0 the probability sigmoid(ln 9 / T); the likelihood is best when that equals the
  // observed 3/5, i.e. ln 9 / T = logit(0.6) = ln 1.5, so T = ln 9 / ln 1.5 = 5.419...
  const std::vector<std::vector<double>> probabilities(5, {0.9, 0.1});
  const std::vector<int> truth = {0, 0, 0, 1, 1};
  const double temperature = fit_temperature(probabilities, truth);
  EXPECT_GT(temperature, 1.0);
  EXPECT_NEAR(temperature, std::log(9.0) / std::log(1.5), 1e-6);
}

TEST(TemperatureScaling, SharpensAnUnderConfidentModel) {
  // Always 60% sure of label 0, right 9 times in 10: ln 1.5 / T = logit(0.9) = ln 9.
  const std::vector<std::vector<double>> probabilities(10, {0.6, 0.4});
  const std::vector<int> truth = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  const double temperature = fit_temperature(probabilities, truth);
  EXPECT_LT(temperature, 1.0);
  EXPECT_NEAR(temperature, std::log(1.5) / std::log(9.0), 1e-6);
}

TEST(TemperatureScaling, NoExamplesKeepTheModelAsItIs) {
  EXPECT_EQ(fit_temperature({}, {}), 1.0);
}

TEST(TemperatureScaling, FittingTwiceGivesTheSameBits) {
  const std::vector<std::vector<double>> probabilities = {
      {0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0.9, 0.05, 0.05}};
  const std::vector<int> truth = {0, 2, 2, 1};
  EXPECT_EQ(fit_temperature(probabilities, truth), fit_temperature(probabilities, truth));
}

TEST(TemperatureScaling, ApplyingTheFittedTemperatureGivesTheObservedRate) {
  std::vector<double> probabilities = {0.9, 0.1};
  apply_temperature(probabilities, std::log(9.0) / std::log(1.5));
  EXPECT_NEAR(probabilities[0], 0.6, 1e-12);
  EXPECT_NEAR(probabilities[1], 0.4, 1e-12);
}

TEST(TemperatureScaling, HalfTheTemperatureSquaresAndRenormalises) {
  // (0.25, 0.0625, 0.0625) / 0.375
  std::vector<double> probabilities = {0.5, 0.25, 0.25};
  apply_temperature(probabilities, 0.5);
  EXPECT_NEAR(probabilities[0], 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(probabilities[1], 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(probabilities[2], 1.0 / 6.0, 1e-12);
}

TEST(TemperatureScaling, AZeroProbabilityCountsAsTheFloor) {
  // sqrt(1) = 1 and sqrt(1e-9) = 3.16e-5, renormalised.
  std::vector<double> probabilities = {1.0, 0.0};
  apply_temperature(probabilities, 2.0);
  const double floor_share = std::sqrt(kProbabilityFloor);
  EXPECT_NEAR(probabilities[0], 1.0 / (1.0 + floor_share), 1e-15);
  EXPECT_NEAR(probabilities[1], floor_share / (1.0 + floor_share), 1e-15);
  EXPECT_TRUE(std::isfinite(probabilities[0]) && std::isfinite(probabilities[1]));
}

TEST(ExpectedCalibrationError, WeighsEachBinsGapByItsShare) {
  // Top-1 confidences 0.95 (right) and 0.92 (wrong) share bin (0.9, 1]: |0.5 - 0.935| * 2/4 =
  // 0.2175. 0.65 (right) in (0.6, 0.7]: |1 - 0.65| * 1/4 = 0.0875. 0.55 (wrong, label 0 chosen)
  // in (0.5, 0.6]: |0 - 0.55| * 1/4 = 0.1375. Sum: 0.4425.
  const std::vector<std::vector<double>> probabilities = {
      {0.95, 0.05}, {0.92, 0.08}, {0.35, 0.65}, {0.55, 0.45}};
  const std::vector<int> truth = {0, 1, 1, 1};
  EXPECT_NEAR(expected_calibration_error(probabilities, truth), 0.4425, 1e-12);
}

TEST(ExpectedCalibrationError, IsZeroWhenConfidenceMatchesAccuracy) {
  // Two 50/50 rows, one right and one wrong: accuracy 0.5 at confidence 0.5.
  const std::vector<std::vector<double>> probabilities = {{0.5, 0.5}, {0.5, 0.5}};
  const std::vector<int> truth = {0, 1};
  EXPECT_NEAR(expected_calibration_error(probabilities, truth), 0.0, 1e-15);
}

TEST(BrierScore, AveragesTheSquaredDistanceToTheTruth) {
  // (0.7 - 1)^2 + 0.2^2 + 0.1^2 = 0.14; 0.5^2 + 0.5^2 + (0 - 1)^2 = 1.5; mean 0.82.
  const std::vector<std::vector<double>> probabilities = {{0.7, 0.2, 0.1}, {0.5, 0.5, 0.0}};
  const std::vector<int> truth = {0, 2};
  EXPECT_NEAR(brier_score(probabilities, truth), 0.82, 1e-12);
}

TEST(BrierScore, IsZeroForCertainRightAnswers) {
  const std::vector<std::vector<double>> probabilities = {{1.0, 0.0}, {0.0, 1.0}};
  const std::vector<int> truth = {0, 1};
  EXPECT_EQ(brier_score(probabilities, truth), 0.0);
}

}  // namespace
}  // namespace sigtrader::ai
