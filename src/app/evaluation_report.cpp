#include "app/evaluation_report.hpp"

#include <cmath>

#include <boost/json/array.hpp>
#include <fmt/format.h>

namespace sigtrader::app {

namespace {

namespace json = boost::json;

// Four decimals: enough to compare runs, without a double's noise in the JSON.
double rounded(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

std::string one_line(std::string_view text, std::size_t width) {
  std::string out;
  for (const char c : text) {
    if (out.size() >= width) {
      out += "…";
      break;
    }
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  return out;
}

}  // namespace

std::string evaluation_text(const signals::Evaluation& evaluation) {
  std::string out = fmt::format("{} posts, accuracy {:.1f} %, macro-F1 {:.3f}\n\n",
                                evaluation.posts, 100.0 * evaluation.accuracy, evaluation.macro_f1);
  out += fmt::format("  {:<8} {:>9} {:>9} {:>9} {:>8}\n", "label", "precision", "recall", "F1",
                     "posts");
  for (const signals::LabelScore& label : evaluation.labels) {
    out += fmt::format("  {:<8} {:>9.3f} {:>9.3f} {:>9.3f} {:>8}\n", label.label, label.precision,
                       label.recall, label.f1, label.support);
  }
  out += "\n  confusion (rows: expected, columns: given)\n";
  out += fmt::format("  {:<8}", "");
  for (const char* label : signals::kSignalLabels)
    out += fmt::format(" {:>7}", label);
  out += "\n";
  for (std::size_t i = 0; i < signals::kLabelCount; ++i) {
    out += fmt::format("  {:<8}", signals::kSignalLabels[i]);
    for (std::size_t j = 0; j < signals::kLabelCount; ++j) {
      out += fmt::format(" {:>7}", evaluation.confusion[i][j]);
    }
    out += "\n";
  }
  out += "\n  fields (exact match)\n";
  for (const signals::FieldScore& field : evaluation.fields) {
    if (field.scored == 0) continue;
    out += fmt::format("  {:<10} {:>6.1f} %  ({} of {})\n", field.field, 100.0 * field.rate(),
                       field.exact, field.scored);
  }
  out += fmt::format("\n  calibration: expected calibration error {:.3f}, Brier score {:.3f}\n",
                     evaluation.calibration_error, evaluation.brier);
  if (!evaluation.misses.empty()) out += "\n  misses (expected → given, confidence)\n";
  for (const signals::Miss& miss : evaluation.misses) {
    out += fmt::format("  {} {} → {} {:.2f}: {}\n", miss.id, miss.expected, miss.got,
                       miss.confidence, one_line(miss.text, 80));
  }
  return out;
}

json::object evaluation_json(const signals::Evaluation& evaluation) {
  json::object labels;
  for (const signals::LabelScore& label : evaluation.labels) {
    labels[label.label] = json::object{{"precision", rounded(label.precision)},
                                       {"recall", rounded(label.recall)},
                                       {"f1", rounded(label.f1)},
                                       {"support", label.support}};
  }
  json::array confusion;
  for (const auto& row : evaluation.confusion) {
    json::array counts;
    for (const int count : row)
      counts.emplace_back(count);
    confusion.emplace_back(std::move(counts));
  }
  json::object fields;
  for (const signals::FieldScore& field : evaluation.fields) {
    fields[field.field] = json::object{
        {"exact_match", rounded(field.rate())}, {"exact", field.exact}, {"scored", field.scored}};
  }
  json::array misses;
  for (const signals::Miss& miss : evaluation.misses) {
    misses.emplace_back(json::object{{"id", miss.id},
                                     {"expected", miss.expected},
                                     {"got", miss.got},
                                     {"confidence", rounded(miss.confidence)},
                                     {"text", miss.text}});
  }
  json::array label_order;
  for (const char* label : signals::kSignalLabels)
    label_order.emplace_back(label);
  return json::object{{"posts", evaluation.posts},
                      {"accuracy", rounded(evaluation.accuracy)},
                      {"macro_f1", rounded(evaluation.macro_f1)},
                      {"labels", std::move(labels)},
                      {"confusion_labels", std::move(label_order)},
                      {"confusion", std::move(confusion)},
                      {"fields", std::move(fields)},
                      {"calibration_error", rounded(evaluation.calibration_error)},
                      {"brier", rounded(evaluation.brier)},
                      {"misses", std::move(misses)}};
}

}  // namespace sigtrader::app
