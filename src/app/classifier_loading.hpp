#pragma once

#include <memory>
#include <string_view>

#include "ai/model_metadata.hpp"
#include "ai/model_registry.hpp"
#include "app/cli_context.hpp"
#include "app/training_data.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "signals/classifier_training.hpp"
#include "signals/signal_classifier.hpp"

namespace sigtrader::app {

// Signal classifiers live in the registry as models/classifier/{name}/{version}/.
inline constexpr std::string_view kClassifierKind = "classifier";
inline constexpr std::string_view kDefaultClassifierName = "signals";
inline constexpr std::string_view kClassifierArtefact = "model.bin";

// The classifier every command that reads posts uses: the newest trained version of `name` in
// the registry (general.models_dir), else the rule-only fallback. A model that is there but
// cannot be read is an error, never a silent fallback.
core::Result<std::unique_ptr<signals::SignalClassifier>> open_classifier(
    CliContext& context, std::string_view name = kDefaultClassifierName);

// The newest version of `name`; kNotFound when none was trained.
core::Result<std::unique_ptr<signals::SignalClassifier>> load_registered_classifier(
    const ai::ModelRegistry& registry, std::string_view name);

// Trains a classifier on `data` and stores it as the next version of `name`, with its metadata:
// the data's hash and files, the params, the cross-validated metrics and the temperature.
core::Result<ai::ModelMetadata> train_and_register_classifier(
    const TrainingData& data, const signals::ClassifierTrainingOptions& options,
    const ai::ModelRegistry& registry, std::string_view name, core::Timestamp now,
    signals::Evaluation* cross_validation = nullptr);

// The registry at the config's general.models_dir.
core::Result<ai::ModelRegistry> open_model_registry(CliContext& context);

}  // namespace sigtrader::app
