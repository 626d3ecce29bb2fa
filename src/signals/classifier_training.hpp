#pragma once

#include <vector>

#include "ai/fasttext_model.hpp"
#include "core/result.hpp"
#include "signals/classifier_evaluation.hpp"
#include "signals/fasttext_classifier.hpp"
#include "signals/labeled_post.hpp"

namespace sigtrader::signals {

struct ClassifierTrainingOptions {
  // 16-wide vectors score as well as 32 on the corpus and the real posts and keep parse +
  // classify above 150 k posts/s (bench/signals_bench): summing the rows is half the model's time.
  ai::FastTextParams params{.dim = 16};
  // Folds by channel for the out-of-fold predictions that fit the temperature. With fewer
  // channels than folds the posts are dealt to folds in turn instead (and `folds_by` says so).
  int folds = 5;
};

struct TrainedClassifier {
  ai::FastTextModel model;  // trained on every post
  double temperature = 1.0;
  // The out-of-fold predictions scored: each post classified by a model that never saw its
  // channel, calibrated with the temperature fitted on them all.
  Evaluation cross_validation;
  std::string folds_by;  // "channel" or "post"
};

// Trains the signal classifier on labeled posts: k models without one fold each give every post
// an out-of-fold prediction, the temperature is fitted on those, and the final model learns from
// every post. Deterministic for the same posts and params.
core::Result<TrainedClassifier> train_classifier(const std::vector<LabeledPost>& posts,
                                                 const ClassifierTrainingOptions& options);

// Scores the training procedure on channels it has not seen: for each of `outer_folds` folds by
// channel, a classifier trained (with its own calibration) on the other folds classifies the
// fold's posts. kInvalidArgument when the posts come from fewer channels than folds.
core::Result<Evaluation> cross_validate_classifier(const std::vector<LabeledPost>& posts,
                                                   const ClassifierTrainingOptions& options,
                                                   int outer_folds);

}  // namespace sigtrader::signals
