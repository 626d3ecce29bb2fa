#pragma once

// The labeled corpus (data/corpus) and a classifier trained on it, for the benchmarks that time
// reading posts. Training happens before any timing starts.
#include <filesystem>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "signals/classifier_training.hpp"
#include "signals/fasttext_classifier.hpp"
#include "signals/labeled_post.hpp"

namespace sigtrader::bench {

inline core::Result<std::vector<signals::LabeledPost>> read_corpus() {
  std::vector<signals::LabeledPost> posts;
  for (const char* part : {"a.jsonl", "b.jsonl"}) {
    SIGTRADER_TRY(std::vector<signals::LabeledPost> read,
                  signals::read_labeled_posts(std::filesystem::path(SIGTRADER_SOURCE_DIR) /
                                              "data/corpus" / part));
    posts.insert(posts.end(), read.begin(), read.end());
  }
  return posts;
}

inline core::Result<signals::FastTextClassifier> train_corpus_classifier(
    const std::vector<signals::LabeledPost>& posts) {
  SIGTRADER_TRY(signals::TrainedClassifier trained, signals::train_classifier(posts, {}));
  return signals::FastTextClassifier::create(std::move(trained.model), trained.temperature);
}

}  // namespace sigtrader::bench
