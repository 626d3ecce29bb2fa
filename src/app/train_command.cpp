// `sigtrader train classifier [--data FILE]... [--name NAME] [params] [--json]`: trains the signal
// classifier on labeled posts and stores it as the next version in the model registry.
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/evaluation_report.hpp"
#include "app/report_error.hpp"
#include "app/training_data.hpp"
#include "core/clock.hpp"

namespace sigtrader::app {
namespace {

constexpr const char* kCommand = "train classifier";

struct TrainOptions {
  std::vector<std::string> data;
  std::string name = std::string(kDefaultClassifierName);
  signals::ClassifierTrainingOptions training;
  bool json = false;
};

int run_train(const TrainOptions& options, CliContext& context) {
  const auto started = std::chrono::steady_clock::now();
  auto data = read_training_data(options.data, context);
  if (!data.ok()) return report_error(kCommand, data.error());
  auto registry = open_model_registry(context);
  if (!registry.ok()) return report_error(kCommand, registry.error());
  core::LiveClock clock;
  signals::Evaluation cross_validation;
  auto metadata = train_and_register_classifier(*data, options.training, *registry, options.name,
                                                clock.now(), &cross_validation);
  if (!metadata.ok()) return report_error(kCommand, metadata.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string dir = registry->version_dir(*metadata).string();
  spdlog::info("{}: {} {} trained on {} posts in {:.1f} s, macro-F1 {:.3f} out of fold", kCommand,
               options.name, metadata->version, data->posts.size(), seconds,
               cross_validation.macro_f1);
  if (options.json) {
    boost::json::object out{{"name", options.name},
                            {"version", metadata->version},
                            {"dir", dir},
                            {"posts", data->posts.size()},
                            {"data_hash", data->hash},
                            {"temperature", metadata->extra.at("temperature")},
                            {"seconds", std::round(seconds * 100.0) / 100.0},
                            {"cross_validation", evaluation_json(cross_validation)}};
    std::cout << boost::json::serialize(out) << '\n';
  } else {
    std::cout << fmt::format("trained {} {} on {} posts from {} file(s) in {:.1f} s: {}\n",
                             options.name, metadata->version, data->posts.size(),
                             data->files.size(), seconds, dir)
              << fmt::format(
                     "temperature {:.3f}; out-of-fold figures (each post classified by a "
                     "model that never saw its channel):\n\n",
                     metadata->extra.at("temperature").to_number<double>())
              << evaluation_text(cross_validation);
  }
  return kExitOk;
}

}  // namespace

void register_train_command(CLI::App& app, CliContext& context) {
  CLI::App* train = app.add_subcommand("train", "Train models into the model registry");
  train->require_subcommand(1);
  auto options = std::make_shared<TrainOptions>();
  CLI::App* classifier = train->add_subcommand(
      "classifier",
      "Train the signal classifier (fastText + the parser's evidence, calibrated) on labeled "
      "posts; stored as models/classifier/NAME/vN/");
  classifier
      ->add_option("--data", options->data,
                   "Labeled posts, JSON lines (repeatable); default: every *.jsonl of "
                   "{general.data_dir}/corpus")
      ->type_name("FILE");
  classifier->add_option("--name", options->name, "Model name in the registry")
      ->capture_default_str();
  ai::FastTextParams& params = options->training.params;
  classifier->add_option("--epochs", params.epochs, "Passes over the data")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  classifier->add_option("--dim", params.dim, "Size of the word vectors")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000));
  classifier->add_option("--learning-rate", params.learning_rate, "Learning rate")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 10.0));
  classifier->add_option("--word-ngrams", params.word_ngrams, "Longest word n-gram")
      ->capture_default_str()
      ->check(CLI::Range(1, 5));
  classifier->add_option("--seed", params.seed, "Seed of the shuffle and the weights")
      ->capture_default_str();
  classifier
      ->add_option("--folds", options->training.folds,
                   "Folds by channel for the calibration's out-of-fold predictions")
      ->capture_default_str()
      ->check(CLI::Range(2, 20));
  classifier->add_flag("--json", options->json, "Print one JSON object instead of text");
  classifier->callback([&context, options] {
    context.action = [&context, options] { return run_train(*options, context); };
  });
}

}  // namespace sigtrader::app
