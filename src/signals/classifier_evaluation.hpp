#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "signals/labeled_post.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::signals {

// Precision, recall and F1 of one label (F1 = 2PR / (P + R); 0 when P + R is 0).
struct LabelScore {
  std::string label;
  int support = 0;    // posts that have this label
  int predicted = 0;  // posts given this label
  int correct = 0;
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
};

// Exact matches of one extracted field over the posts labeled long or short whose expected value
// is known; stop-loss over those whose file gives a stop price.
struct FieldScore {
  std::string field;
  int scored = 0;
  int exact = 0;
  double rate() const { return scored == 0 ? 0.0 : static_cast<double>(exact) / scored; }
};

// A post the classifier got wrong, for the report.
struct Miss {
  std::string id;
  std::string expected;
  std::string got;
  double confidence = 0.0;
  std::string text;
};

struct Evaluation {
  int posts = 0;
  double accuracy = 0.0;
  double macro_f1 = 0.0;           // the mean of the four labels' F1
  std::vector<LabelScore> labels;  // in kSignalLabels order
  // confusion[expected][got], both in kSignalLabels order.
  std::array<std::array<int, kLabelCount>, kLabelCount> confusion{};
  std::vector<FieldScore> fields;  // symbol, side, entries, targets, stop_loss, leverage
  // How well the probabilities are calibrated: expected calibration error of the top label
  // and multi-class Brier score (ai/temperature_scaling.hpp).
  double calibration_error = 0.0;
  double brier = 0.0;
  std::vector<Miss> misses;  // the first few, in input order
};

// Collects the outcome of each post and computes the scores.
class EvaluationBuilder {
 public:
  void add(const LabeledPost& post, const UnderstoodPost& understood);
  Evaluation finish() const;

 private:
  std::vector<int> expected_;
  std::vector<int> got_;
  std::vector<std::vector<double>> probabilities_;
  std::vector<FieldScore> fields_;
  std::vector<Miss> misses_;
};

// Splits posts into k folds by channel, so that a fold's posts come from channels the other folds
// never saw: channels are dealt, largest first, to the fold with the fewest posts (ties by name and
// by fold number, so the split is the same every run). Returns each post's fold.
std::vector<int> folds_by_channel(const std::vector<LabeledPost>& posts, int folds);

}  // namespace sigtrader::signals
