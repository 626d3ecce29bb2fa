#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include "signals/signal_parser.hpp"

namespace sigtrader::signals {

// The labels a classifier chooses from, in the order reports list them.
inline constexpr const char* kSignalLabels[] = {"long", "short", "update", "none"};
inline constexpr std::size_t kLabelCount = std::size(kSignalLabels);
bool is_signal_label(std::string_view label);
// The index of a label in kSignalLabels; the label must be one of them.
std::size_t label_index(std::string_view label);

// The label of a post and how sure the classifier is of it.
struct Classification {
  std::string label;        // long | short | update | none
  double confidence = 0.0;  // in [0, 1]: the probability of `label` for a calibrated model
  std::string classifier;   // rules | fasttext
  // Every label's probability, in kSignalLabels order, summing to 1; `label` has the highest.
  std::array<double, kLabelCount> probabilities{};
};

// The classification that picks the most probable label (the first of equals).
Classification most_probable(const std::array<double, kLabelCount>& probabilities,
                             std::string_view classifier);

// Decides what a post is, given its text and what the rule parser read from it (the structural
// evidence: a coin, a side, levels, an update's words). DESIGN.md §4: the rule parser, a fastText
// model and an LLM provider are classifiers; an ensemble combines them.
class SignalClassifier {
 public:
  virtual ~SignalClassifier() = default;
  virtual Classification classify(std::string_view text, const ParsedSignal& parsed) const = 0;
  // "rules", "fasttext": what Classification::classifier says.
  virtual std::string_view name() const = 0;
};

// The fallback when no model is trained: the parser's own label, with a confidence that grows
// with how complete the setup is (the other labels share the rest evenly). Those confidences are
// a fixed scale, not probabilities fitted on data; the trained classifier's are.
class RuleClassifier final : public SignalClassifier {
 public:
  Classification classify(std::string_view text, const ParsedSignal& parsed) const override;
  std::string_view name() const override { return "rules"; }
};

}  // namespace sigtrader::signals
