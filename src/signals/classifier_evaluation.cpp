#include "signals/classifier_evaluation.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "ai/temperature_scaling.hpp"
#include "core/assert.hpp"
#include "core/decimal.hpp"

namespace sigtrader::signals {
namespace {

constexpr std::size_t kListedMisses = 20;
constexpr const char* kFields[] = {"symbol", "side", "entries", "targets", "stop_loss", "leverage"};

std::vector<std::string> price_texts(const std::vector<PriceField>& prices) {
  std::vector<std::string> out;
  out.reserve(prices.size());
  for (const PriceField& price : prices)
    out.push_back(price.value.to_string());
  return out;
}

std::optional<std::string> side_text(const ParsedSignal& parsed) {
  if (!parsed.side) return std::nullopt;
  return std::string(core::to_string(*parsed.side));
}

template <typename T>
void score(FieldScore& field, const Expected<T>& expected, const std::optional<T>& got) {
  if (!expected.known) return;
  ++field.scored;
  if (expected.value == got) ++field.exact;
}

}  // namespace

void EvaluationBuilder::add(const LabeledPost& post, const UnderstoodPost& understood) {
  if (fields_.empty()) {
    for (const char* field : kFields)
      fields_.push_back(FieldScore{field, 0, 0});
  }
  const Classification& classification = understood.classification;
  expected_.push_back(static_cast<int>(label_index(post.label)));
  got_.push_back(static_cast<int>(label_index(classification.label)));
  probabilities_.emplace_back(classification.probabilities.begin(),
                              classification.probabilities.end());
  if (post.label != classification.label && misses_.size() < kListedMisses) {
    misses_.push_back(
        Miss{post.id, post.label, classification.label, classification.confidence, post.text});
  }
  const ParsedSignal& parsed = understood.parsed;
  if (post.label == "long" || post.label == "short") {
    score(fields_[0], post.symbol,
          parsed.symbol ? std::optional(parsed.symbol->to_string()) : std::nullopt);
    score(fields_[1], post.side, side_text(parsed));
    score(fields_[2], post.entries, std::optional(price_texts(parsed.entries)));
    score(fields_[3], post.targets, std::optional(price_texts(parsed.targets)));
    score(fields_[5], post.leverage, parsed.leverage);
  }
  // The stop is scored where the file gives a stop price: a real channel's file says null for a
  // stop written as a percentage or as several levels as well as for none, so null is no answer.
  if ((post.label == "long" || post.label == "short") && post.stop_loss.value) {
    score(fields_[4], post.stop_loss,
          parsed.stop_loss ? std::optional(parsed.stop_loss->value.to_string()) : std::nullopt);
  }
}

Evaluation EvaluationBuilder::finish() const {
  Evaluation out;
  out.posts = static_cast<int>(expected_.size());
  out.fields = fields_;
  out.misses = misses_;
  int correct = 0;
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    ++out.confusion[static_cast<std::size_t>(expected_[i])][static_cast<std::size_t>(got_[i])];
    correct += expected_[i] == got_[i];
  }
  out.accuracy = expected_.empty() ? 0.0 : static_cast<double>(correct) / expected_.size();
  double f1_sum = 0.0;
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    LabelScore label{kSignalLabels[i]};
    for (std::size_t j = 0; j < kLabelCount; ++j) {
      label.support += out.confusion[i][j];
      label.predicted += out.confusion[j][i];
    }
    label.correct = out.confusion[i][i];
    label.precision =
        label.predicted == 0 ? 0.0 : static_cast<double>(label.correct) / label.predicted;
    label.recall = label.support == 0 ? 0.0 : static_cast<double>(label.correct) / label.support;
    const double sum = label.precision + label.recall;
    label.f1 = sum == 0.0 ? 0.0 : 2.0 * label.precision * label.recall / sum;
    f1_sum += label.f1;
    out.labels.push_back(label);
  }
  out.macro_f1 = f1_sum / kLabelCount;
  out.calibration_error = ai::expected_calibration_error(probabilities_, expected_);
  out.brier = ai::brier_score(probabilities_, expected_);
  return out;
}

std::vector<int> folds_by_channel(const std::vector<LabeledPost>& posts, int folds) {
  SIGTRADER_ASSERT(folds >= 2, "k-fold needs at least two folds");
  std::map<std::string, int> channel_size;
  for (const LabeledPost& post : posts)
    ++channel_size[post.channel];
  std::vector<std::pair<std::string, int>> channels(channel_size.begin(), channel_size.end());
  std::stable_sort(channels.begin(), channels.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<int> fold_size(static_cast<std::size_t>(folds), 0);
  std::map<std::string, int> fold_of;
  for (const auto& [channel, size] : channels) {
    const auto smallest = std::min_element(fold_size.begin(), fold_size.end());
    fold_of[channel] = static_cast<int>(smallest - fold_size.begin());
    *smallest += size;
  }
  std::vector<int> out;
  out.reserve(posts.size());
  for (const LabeledPost& post : posts)
    out.push_back(fold_of[post.channel]);
  return out;
}

}  // namespace sigtrader::signals
