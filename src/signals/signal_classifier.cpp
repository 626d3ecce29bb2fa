#include "signals/signal_classifier.hpp"

#include <algorithm>

#include "core/assert.hpp"

namespace sigtrader::signals {

namespace {

// A setup reads more surely as a signal the more of its parts are there: 0.6 for coin and side
// with one level, up to 0.95 with entries, targets, a stop and leverage.
double setup_confidence(const ParsedSignal& parsed) {
  const bool has_entry = !parsed.entries.empty() || parsed.entry_market;
  const int parts = static_cast<int>(has_entry) + static_cast<int>(!parsed.targets.empty()) +
                    static_cast<int>(parsed.stop_loss.has_value()) +
                    static_cast<int>(parsed.leverage.has_value());
  return std::min(0.95, 0.55 + 0.1 * parts);
}

// An update that names its coin or its target is surer than one that only says "closed".
double update_confidence(const ParsedSignal& parsed) {
  double confidence = 0.6;
  if (parsed.symbol) confidence += 0.15;
  if (parsed.update && parsed.update->target) confidence += 0.1;
  return confidence;
}

// A post with neither a coin nor a direction is surely chatter; one with a coin but no setup
// could be a signal written in a way the rules do not read.
double none_confidence(const ParsedSignal& parsed) {
  if (!parsed.symbol && !parsed.side) return 0.9;
  if (!parsed.symbol || !parsed.side) return 0.75;
  return 0.55;
}

}  // namespace

bool is_signal_label(std::string_view label) {
  return std::any_of(std::begin(kSignalLabels), std::end(kSignalLabels),
                     [label](const char* known) { return label == known; });
}

std::size_t label_index(std::string_view label) {
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    if (label == kSignalLabels[i]) return i;
  }
  SIGTRADER_ASSERT(false, "not a signal label");
  return 0;
}

Classification most_probable(const std::array<double, kLabelCount>& probabilities,
                             std::string_view classifier) {
  const auto best = std::max_element(probabilities.begin(), probabilities.end());
  return Classification{kSignalLabels[best - probabilities.begin()], *best, std::string(classifier),
                        probabilities};
}

Classification RuleClassifier::classify(std::string_view /*text*/,
                                        const ParsedSignal& parsed) const {
  double confidence = none_confidence(parsed);
  if (parsed.label == "long" || parsed.label == "short") {
    confidence = setup_confidence(parsed);
  } else if (parsed.label == "update") {
    confidence = update_confidence(parsed);
  }
  Classification out{parsed.label, confidence, std::string(name()), {}};
  out.probabilities.fill((1.0 - confidence) / (kLabelCount - 1));
  out.probabilities[label_index(parsed.label)] = confidence;
  return out;
}

}  // namespace sigtrader::signals
