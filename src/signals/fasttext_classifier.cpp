#include "signals/fasttext_classifier.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ai/temperature_scaling.hpp"
#include "signals/model_text.hpp"

namespace sigtrader::signals {

core::Result<FastTextClassifier> FastTextClassifier::create(ai::FastTextModel model,
                                                            double temperature) {
  const std::vector<std::string>& labels = model.labels();
  const bool same_labels =
      labels.size() == kLabelCount && std::all_of(labels.begin(), labels.end(), is_signal_label);
  if (!same_labels) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("the model's labels are {}; a signal classifier needs long, "
                                   "short, update and none",
                                   fmt::join(labels, ", ")));
  }
  if (!(temperature > 0.0)) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("temperature {} must be above 0", temperature));
  }
  return FastTextClassifier(std::move(model), temperature);
}

FastTextClassifier::FastTextClassifier(ai::FastTextModel model, double temperature)
    : model_(std::move(model)), temperature_(temperature) {
  for (std::size_t i = 0; i < kLabelCount; ++i)
    position_[i] = label_index(model_.labels()[i]);
  model_text_.reserve(1024);
}

Classification FastTextClassifier::classify(std::string_view text,
                                            const ParsedSignal& parsed) const {
  write_model_text(text, parsed, model_text_);
  model_.predict(model_text_, model_probabilities_);
  ai::apply_temperature(model_probabilities_, temperature_);
  std::array<double, kLabelCount> probabilities{};
  for (std::size_t i = 0; i < kLabelCount; ++i) {
    probabilities[position_[i]] = model_probabilities_[i];
  }
  return most_probable(probabilities, name());
}

}  // namespace sigtrader::signals
