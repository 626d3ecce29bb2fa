// `sigtrader eval classifier [--data FILE]... [--folds K] [--rules] [--json]`: scores the signal
// classifier — on held-out files with the newest trained model (or the rules), or, without
// --data, by k-fold cross-validation by channel over the training corpus.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/evaluation_report.hpp"
#include "app/report_error.hpp"
#include "app/training_data.hpp"
#include "signals/understood_post.hpp"

namespace sigtrader::app {
namespace {

constexpr const char* kCommand = "eval classifier";

struct EvalOptions {
  std::vector<std::string> data;
  std::string name = std::string(kDefaultClassifierName);
  int folds = 5;
  bool rules = false;
  bool json = false;
  signals::ClassifierTrainingOptions training;
};

signals::Evaluation evaluate(const std::vector<signals::LabeledPost>& posts,
                             const signals::SignalClassifier& classifier) {
  signals::EvaluationBuilder builder;
  for (const signals::LabeledPost& post : posts) {
    builder.add(post, signals::understand_post(post.text, classifier));
  }
  return builder.finish();
}

void print(const EvalOptions& options, const std::string& what, const TrainingData& data,
           const signals::Evaluation& evaluation, const signals::Evaluation& rules) {
  if (options.json) {
    boost::json::object out{{"evaluated", what},
                            {"data_hash", data.hash},
                            {"classifier", evaluation_json(evaluation)},
                            {"rules", evaluation_json(rules)}};
    std::cout << boost::json::serialize(out) << '\n';
    return;
  }
  std::cout << what << "\n\n"
            << evaluation_text(evaluation)
            << fmt::format(
                   "\nthe rules alone on the same posts: accuracy {:.1f} %, macro-F1 "
                   "{:.3f}\n",
                   100.0 * rules.accuracy, rules.macro_f1);
}

int run_eval(const EvalOptions& options, CliContext& context) {
  auto data = read_training_data(options.data, context);
  if (!data.ok()) return report_error(kCommand, data.error());
  const signals::RuleClassifier rule_classifier;
  const signals::Evaluation rules = evaluate(data->posts, rule_classifier);
  if (options.rules) {
    print(options, fmt::format("the rule classifier on {} posts", data->posts.size()), *data, rules,
          rules);
    return kExitOk;
  }
  if (!options.data.empty()) {
    auto registry = open_model_registry(context);
    if (!registry.ok()) return report_error(kCommand, registry.error());
    auto classifier = load_registered_classifier(*registry, options.name);
    if (!classifier.ok()) {
      return report_error(
          kCommand, classifier.error().with_context(fmt::format(
                        "no trained '{}' to evaluate: run `sigtrader train classifier` first, or "
                        "pass --rules",
                        options.name)));
    }
    auto metadata = registry->latest(kClassifierKind, options.name);
    print(options,
          fmt::format("{} {} on {} held-out posts", options.name,
                      metadata.ok() ? metadata->version : "", data->posts.size()),
          *data, evaluate(data->posts, **classifier), rules);
    return kExitOk;
  }
  auto evaluation =
      signals::cross_validate_classifier(data->posts, options.training, options.folds);
  if (!evaluation.ok()) return report_error(kCommand, evaluation.error());
  print(options,
        fmt::format("{}-fold cross-validation by channel on {} posts (each fold's posts classified "
                    "by a model trained and calibrated without their channels)",
                    options.folds, data->posts.size()),
        *data, *evaluation, rules);
  return kExitOk;
}

}  // namespace

void register_eval_command(CLI::App& app, CliContext& context) {
  CLI::App* eval = app.add_subcommand("eval", "Score models on labeled data");
  eval->require_subcommand(1);
  auto options = std::make_shared<EvalOptions>();
  CLI::App* classifier = eval->add_subcommand(
      "classifier",
      "Precision, recall, F1 per label, macro-F1, confusion matrix, field exact-match rates and "
      "calibration of the signal classifier");
  classifier
      ->add_option("--data", options->data,
                   "Held-out labeled posts (repeatable): score the newest trained model on them; "
                   "without it, k-fold cross-validation by channel on the training corpus")
      ->type_name("FILE");
  classifier->add_option("--name", options->name, "Model name in the registry")
      ->capture_default_str();
  classifier->add_option("--folds", options->folds, "Folds by channel of the cross-validation")
      ->capture_default_str()
      ->check(CLI::Range(2, 20));
  classifier->add_flag("--rules", options->rules, "Score the rule-only classifier instead");
  classifier->add_flag("--json", options->json, "Print one JSON object instead of text");
  classifier->callback([&context, options] {
    context.action = [&context, options] { return run_eval(*options, context); };
  });
}

}  // namespace sigtrader::app
