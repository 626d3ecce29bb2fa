#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "core/result.hpp"

namespace fasttext {
class DenseMatrix;
class Dictionary;
class FastText;
}  // namespace fasttext

namespace sigtrader::ai {

// One training example of a text classifier.
struct TextExample {
  std::string label;  // a name without whitespace, e.g. "long"
  std::string text;   // already normalised, space-separated tokens
};

// Training settings of a supervised fastText classifier (softmax loss). Training always runs on
// one thread, so the same examples and params give the same model bytes and predictions.
struct FastTextParams {
  int dim = 32;
  int epochs = 30;
  double learning_rate = 0.5;
  int word_ngrams = 2;  // 2: words and word bigrams
  int min_count = 1;    // words seen fewer times are dropped
  int bucket = 100000;  // hash buckets of the word n-grams and character n-grams
  int minn = 0;         // character n-grams from minn to maxn; 0, 0: none
  int maxn = 0;
  int seed = 1;
};

// The params as the model registry stores them, keys in declaration order.
boost::json::object to_json(const FastTextParams& params);

// A trained fastText text classifier: the probability of every label for a text.
//
// predict() reuses scratch buffers held by the model, so one FastTextModel must not be used by
// two threads at once. Copies share the (immutable) weights and each has its own buffers: give
// every thread its own copy.
class FastTextModel {
 public:
  // Trains on the examples (shuffled with params.seed first: fastText reads its input in order,
  // and examples grouped by label would train badly). kInvalidArgument for no examples, fewer
  // than two labels, a label with whitespace, bad params, or a vocabulary left empty by
  // min_count.
  static core::Result<FastTextModel> train(std::span<const TextExample> examples,
                                           const FastTextParams& params);
  // Reads a model written by save() (or by the fastText 0.9.2 tool: supervised, softmax, not
  // quantized). The file is checked before fastText reads it, so a missing, truncated or foreign
  // file is an error naming it, never a crash.
  static core::Result<FastTextModel> load(const std::filesystem::path& file);
  // Writes the model in fastText's own format, atomically (a temporary file renamed into place).
  core::Status save(const std::filesystem::path& file) const;

  // The label names (without fastText's "__label__" prefix), sorted by name.
  const std::vector<std::string>& labels() const { return labels_; }

  // Writes the probability of every label, in labels() order, summing to 1, into
  // `probabilities` (whose size must be labels().size()). The text is read as fastText reads a
  // line: tokens split at whitespace, an end-of-line token appended, a literal "</s>" ends it.
  // The result equals fastText's predictLine() except for the 1e-5 that fastText adds before its
  // logarithm. Allocates nothing once the buffers have grown to the longest text seen.
  void predict(std::string_view text, std::span<double> probabilities) const;

 private:
  FastTextModel() = default;
  static core::Result<FastTextModel> from_fasttext(std::shared_ptr<fasttext::FastText> model,
                                                   const std::filesystem::path& file);
  void add_token(std::string_view token) const;
  void add_character_ngrams(std::string_view token) const;
  void add_word_ngrams() const;

  std::shared_ptr<fasttext::FastText> model_;
  std::shared_ptr<const fasttext::Dictionary> dictionary_;
  std::shared_ptr<const fasttext::DenseMatrix> input_;
  std::shared_ptr<const fasttext::DenseMatrix> output_;
  std::int32_t words_ = 0;  // fastText's nwords: input rows before the hash buckets
  std::int32_t word_ngrams_ = 1;
  std::int32_t bucket_ = 0;
  std::int32_t minn_ = 0;
  std::int32_t maxn_ = 0;
  std::int64_t dim_ = 0;
  std::vector<std::string> labels_;
  // label_position_[i]: where fastText's label i (ordered by frequency) goes in labels() order.
  std::vector<std::size_t> label_position_;

  // Scratch of predict(), kept to avoid allocating per call.
  mutable std::string token_;
  mutable std::string bracketed_token_;
  mutable std::vector<std::int32_t> input_rows_;
  mutable std::vector<std::int32_t> token_hashes_;
  mutable std::vector<float> hidden_;
  mutable std::vector<double> scores_;
};

}  // namespace sigtrader::ai
