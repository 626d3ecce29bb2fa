#include "app/classifier_loading.hpp"

#include <utility>

#include <boost/json/array.hpp>
#include <fmt/format.h>

#include "app/effective_config.hpp"
#include "app/evaluation_report.hpp"
#include "signals/fasttext_classifier.hpp"

namespace sigtrader::app {

namespace json = boost::json;

core::Result<ai::ModelRegistry> open_model_registry(CliContext& context) {
  const auto& config = effective_config(context);
  if (!config.ok()) return config.error();
  return ai::ModelRegistry(config->general.models_dir);
}

core::Result<std::unique_ptr<signals::SignalClassifier>> load_registered_classifier(
    const ai::ModelRegistry& registry, std::string_view name) {
  SIGTRADER_TRY(const ai::ModelMetadata metadata, registry.latest(kClassifierKind, name));
  const std::filesystem::path dir = registry.version_dir(metadata);
  const json::value* temperature = metadata.extra.if_contains("temperature");
  if (temperature == nullptr || !temperature->is_number()) {
    return core::Error(
        core::ErrorCode::kParse,
        fmt::format("{}: metadata.json has no number \"extra.temperature\"", dir.string()));
  }
  SIGTRADER_TRY(ai::FastTextModel model, ai::FastTextModel::load(dir / metadata.artefact));
  SIGTRADER_TRY(
      signals::FastTextClassifier classifier,
      signals::FastTextClassifier::create(std::move(model), temperature->to_number<double>()));
  return std::unique_ptr<signals::SignalClassifier>(
      std::make_unique<signals::FastTextClassifier>(std::move(classifier)));
}

core::Result<std::unique_ptr<signals::SignalClassifier>> open_classifier(CliContext& context,
                                                                         std::string_view name) {
  SIGTRADER_TRY(const ai::ModelRegistry registry, open_model_registry(context));
  auto trained = load_registered_classifier(registry, name);
  if (trained.ok()) return std::move(*trained);
  if (trained.error().code() != core::ErrorCode::kNotFound) return trained.error();
  return std::unique_ptr<signals::SignalClassifier>(std::make_unique<signals::RuleClassifier>());
}

core::Result<ai::ModelMetadata> train_and_register_classifier(
    const TrainingData& data, const signals::ClassifierTrainingOptions& options,
    const ai::ModelRegistry& registry, std::string_view name, core::Timestamp now,
    signals::Evaluation* cross_validation) {
  SIGTRADER_TRY(signals::TrainedClassifier trained, signals::train_classifier(data.posts, options));
  SIGTRADER_TRY(ai::NewModelVersion version, registry.create_version(kClassifierKind, name, now));
  ai::ModelMetadata& metadata = version.metadata;
  metadata.artefact = std::string(kClassifierArtefact);
  SIGTRADER_RETURN_IF_ERROR(trained.model.save(version.dir / metadata.artefact));
  metadata.data_hash = data.hash;
  metadata.params = ai::to_json(options.params);
  metadata.params["calibration_folds"] = options.folds;
  metadata.metrics = evaluation_json(trained.cross_validation);
  metadata.metrics.erase("misses");
  metadata.metrics["evaluated_on"] =
      fmt::format("out-of-fold predictions, {} folds by {}", options.folds, trained.folds_by);
  json::array labels;
  for (const char* label : signals::kSignalLabels)
    labels.emplace_back(label);
  metadata.feature_schema =
      json::object{{"input",
                    "signals::write_model_text: normalised words, <num> <pct> <lev> <coin> <nl>, "
                    "emojis and CJK characters as tokens, then the parser's evidence tokens"},
                   {"labels", std::move(labels)}};
  json::array files;
  for (const std::string& file : data.files)
    files.emplace_back(file);
  metadata.extra = json::object{{"temperature", trained.temperature},
                                {"posts", data.posts.size()},
                                {"data_files", std::move(files)}};
  SIGTRADER_RETURN_IF_ERROR(registry.write_metadata(version.dir, metadata));
  if (cross_validation != nullptr) *cross_validation = std::move(trained.cross_validation);
  return metadata;
}

}  // namespace sigtrader::app
