#pragma once

#include <array>
#include <string>
#include <string_view>

#include "ai/fasttext_model.hpp"
#include "signals/signal_classifier.hpp"

namespace sigtrader::signals {

// The trained classifier: a fastText model reads the post's model text (signals/model_text.hpp:
// the normalised words and the parser's structural evidence) and its probabilities, softened or
// sharpened by the temperature fitted on held-out posts, are the label's calibrated confidence.
// Like the model it holds, one instance serves one thread.
class FastTextClassifier final : public SignalClassifier {
 public:
  // kInvalidArgument when the model's labels are not exactly long, short, update and none.
  static core::Result<FastTextClassifier> create(ai::FastTextModel model, double temperature);

  Classification classify(std::string_view text, const ParsedSignal& parsed) const override;
  std::string_view name() const override { return "fasttext"; }
  double temperature() const { return temperature_; }

 private:
  FastTextClassifier(ai::FastTextModel model, double temperature);

  ai::FastTextModel model_;
  double temperature_ = 1.0;
  // position_[i]: where the model's label i goes in kSignalLabels order.
  std::array<std::size_t, kLabelCount> position_{};
  mutable std::string model_text_;
  mutable std::array<double, kLabelCount> model_probabilities_{};
};

}  // namespace sigtrader::signals
