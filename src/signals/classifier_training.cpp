#include "signals/classifier_training.hpp"

#include <set>
#include <utility>

#include <fmt/format.h>

#include "ai/temperature_scaling.hpp"
#include "signals/model_text.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::signals {
namespace {

// Each post parsed once: the parser's reading is the same in every fold.
struct PreparedPost {
  const LabeledPost* post = nullptr;
  ParsedSignal parsed;
  std::string model_text;
};

std::vector<PreparedPost> prepare(const std::vector<LabeledPost>& posts) {
  std::vector<PreparedPost> out;
  out.reserve(posts.size());
  for (const LabeledPost& post : posts) {
    PreparedPost prepared{&post, parse_signal(post.text), {}};
    write_model_text(post.text, prepared.parsed, prepared.model_text);
    out.push_back(std::move(prepared));
  }
  return out;
}

core::Result<ai::FastTextModel> train_on(const std::vector<PreparedPost>& posts,
                                         const std::vector<int>& folds, int left_out,
                                         const ai::FastTextParams& params) {
  std::vector<ai::TextExample> examples;
  examples.reserve(posts.size());
  for (std::size_t i = 0; i < posts.size(); ++i) {
    if (folds[i] != left_out) examples.push_back({posts[i].post->label, posts[i].model_text});
  }
  return ai::FastTextModel::train(examples, params);
}

std::size_t channel_count(const std::vector<LabeledPost>& posts) {
  std::set<std::string> channels;
  for (const LabeledPost& post : posts)
    channels.insert(post.channel);
  return channels.size();
}

}  // namespace

core::Result<TrainedClassifier> train_classifier(const std::vector<LabeledPost>& posts,
                                                 const ClassifierTrainingOptions& options) {
  if (options.folds < 2) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{} folds: calibration needs at least 2", options.folds));
  }
  if (posts.size() < static_cast<std::size_t>(options.folds)) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{} labeled posts are too few to train on", posts.size()));
  }
  const std::vector<PreparedPost> prepared = prepare(posts);
  std::vector<int> folds;
  std::string folds_by = "channel";
  if (channel_count(posts) >= static_cast<std::size_t>(options.folds)) {
    folds = folds_by_channel(posts, options.folds);
  } else {
    for (std::size_t i = 0; i < posts.size(); ++i) {
      folds.push_back(static_cast<int>(i) % options.folds);
    }
    folds_by = "post";
  }

  // Out-of-fold probabilities at temperature 1, in kSignalLabels order.
  std::vector<std::vector<double>> held_out(posts.size());
  std::vector<int> truth(posts.size());
  for (int fold = 0; fold < options.folds; ++fold) {
    SIGTRADER_TRY(ai::FastTextModel model, train_on(prepared, folds, fold, options.params));
    auto classifier = FastTextClassifier::create(std::move(model), 1.0);
    if (!classifier.ok()) {
      return classifier.error().with_context(fmt::format(
          "training without fold {} of {}: some label has no post left", fold + 1, options.folds));
    }
    for (std::size_t i = 0; i < posts.size(); ++i) {
      if (folds[i] != fold) continue;
      const Classification c = classifier->classify(posts[i].text, prepared[i].parsed);
      held_out[i].assign(c.probabilities.begin(), c.probabilities.end());
      truth[i] = static_cast<int>(label_index(posts[i].label));
    }
  }
  const double temperature = ai::fit_temperature(held_out, truth);

  EvaluationBuilder evaluation;
  for (std::size_t i = 0; i < posts.size(); ++i) {
    ai::apply_temperature(held_out[i], temperature);
    std::array<double, kLabelCount> probabilities{};
    std::copy(held_out[i].begin(), held_out[i].end(), probabilities.begin());
    evaluation.add(posts[i],
                   reconcile(prepared[i].parsed, most_probable(probabilities, "fasttext")));
  }
  const std::vector<int> all_in(posts.size(), 0);
  SIGTRADER_TRY(ai::FastTextModel model, train_on(prepared, all_in, -1, options.params));
  return TrainedClassifier{std::move(model), temperature, evaluation.finish(), folds_by};
}

core::Result<Evaluation> cross_validate_classifier(const std::vector<LabeledPost>& posts,
                                                   const ClassifierTrainingOptions& options,
                                                   int outer_folds) {
  const std::size_t channels = channel_count(posts);
  if (outer_folds < 2 || channels < static_cast<std::size_t>(outer_folds)) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{}-fold cross-validation by channel needs posts of at least {} "
                                   "channels; the data has {}",
                                   outer_folds, std::max(outer_folds, 2), channels));
  }
  const std::vector<int> folds = folds_by_channel(posts, outer_folds);
  EvaluationBuilder evaluation;
  for (int fold = 0; fold < outer_folds; ++fold) {
    std::vector<LabeledPost> training;
    for (std::size_t i = 0; i < posts.size(); ++i) {
      if (folds[i] != fold) training.push_back(posts[i]);
    }
    auto trained = train_classifier(training, options);
    if (!trained.ok()) {
      return trained.error().with_context(fmt::format("fold {} of {}", fold + 1, outer_folds));
    }
    SIGTRADER_TRY(const FastTextClassifier classifier,
                  FastTextClassifier::create(std::move(trained->model), trained->temperature));
    for (std::size_t i = 0; i < posts.size(); ++i) {
      if (folds[i] == fold) evaluation.add(posts[i], understand_post(posts[i].text, classifier));
    }
  }
  return evaluation.finish();
}

}  // namespace sigtrader::signals
