#include "api/metrics.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace sigtrader::api {
namespace {

std::string escape_label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (std::isnan(value)) return "NaN";
  return fmt::format("{}", value);
}

// Adds one label to a rendered label set: {a="x"} + le="1" -> {a="x",le="1"}.
std::string with_label(const std::string& labels, std::string_view name, std::string_view value) {
  const std::string extra = fmt::format("{}=\"{}\"", name, value);
  if (labels.empty()) return "{" + extra + "}";
  return labels.substr(0, labels.size() - 1) + "," + extra + "}";
}

}  // namespace

std::string render_labels(const MetricLabels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ",";
    out += fmt::format("{}=\"{}\"", labels[i].first, escape_label(labels[i].second));
  }
  return out + "}";
}

void Metrics::declare(std::string name, std::string help, Type type, std::vector<double> bounds) {
  const std::lock_guard lock(mutex_);
  Family& family = families_[std::move(name)];
  family.type = type;
  family.help = std::move(help);
  family.bounds = std::move(bounds);
}

void Metrics::declare_counter(std::string name, std::string help) {
  declare(std::move(name), std::move(help), Type::kCounter, {});
}
void Metrics::declare_gauge(std::string name, std::string help) {
  declare(std::move(name), std::move(help), Type::kGauge, {});
}
void Metrics::declare_histogram(std::string name, std::string help, std::vector<double> bounds) {
  declare(std::move(name), std::move(help), Type::kHistogram, std::move(bounds));
}

Metrics::Family& Metrics::family(std::string_view name, Type type) {
  const auto it = families_.find(name);
  // Using an undeclared family, or one as another type, is a bug in the caller.
  if (it == families_.end() || it->second.type != type) {
    throw std::logic_error(fmt::format("metric '{}' is not declared as used", name));
  }
  return it->second;
}

void Metrics::add(std::string_view name, const MetricLabels& labels, double amount) {
  const std::string key = render_labels(labels);
  const std::lock_guard lock(mutex_);
  family(name, Type::kCounter).series[key].value += amount;
}

void Metrics::set(std::string_view name, const MetricLabels& labels, double value) {
  const std::string key = render_labels(labels);
  const std::lock_guard lock(mutex_);
  family(name, Type::kGauge).series[key].value = value;
}

void Metrics::observe(std::string_view name, const MetricLabels& labels, double value) {
  const std::string key = render_labels(labels);
  const std::lock_guard lock(mutex_);
  Family& histogram = family(name, Type::kHistogram);
  Series& series = histogram.series[key];
  if (series.buckets.empty()) series.buckets.assign(histogram.bounds.size(), 0.0);
  for (std::size_t i = 0; i < histogram.bounds.size(); ++i) {
    if (value <= histogram.bounds[i]) series.buckets[i] += 1;
  }
  series.value += value;
  series.count += 1;
}

void Metrics::add_collector(std::function<void(Metrics&)> collector) {
  const std::lock_guard lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() {
  std::vector<std::function<void(Metrics&)>> collectors;
  {
    const std::lock_guard lock(mutex_);
    collectors = collectors_;
  }
  for (const auto& collect : collectors)
    collect(*this);
  const std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    const char* type = family.type == Type::kCounter ? "counter"
                       : family.type == Type::kGauge ? "gauge"
                                                     : "histogram";
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, family.help, name, type);
    for (const auto& [labels, series] : family.series) {
      if (family.type != Type::kHistogram) {
        out += fmt::format("{}{} {}\n", name, labels, number(series.value));
        continue;
      }
      for (std::size_t i = 0; i < family.bounds.size(); ++i) {
        out += fmt::format("{}_bucket{} {}\n", name,
                           with_label(labels, "le", number(family.bounds[i])),
                           number(series.buckets[i]));
      }
      out += fmt::format("{}_bucket{} {}\n", name, with_label(labels, "le", "+Inf"),
                         number(series.count));
      out += fmt::format("{}_sum{} {}\n", name, labels, number(series.value));
      out += fmt::format("{}_count{} {}\n", name, labels, number(series.count));
    }
  }
  return out;
}

}  // namespace sigtrader::api
