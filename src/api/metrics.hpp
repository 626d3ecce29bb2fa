#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sigtrader::api {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

// Counters, gauges and histograms by family and labels, rendered in the Prometheus text
// exposition format (version 0.0.4). Thread-safe. Families are declared once with their help
// text; series appear as they are first touched.
class Metrics {
 public:
  void declare_counter(std::string name, std::string help);
  void declare_gauge(std::string name, std::string help);
  // `bounds`: the upper bounds of the buckets, ascending; +Inf is added.
  void declare_histogram(std::string name, std::string help, std::vector<double> bounds);

  void add(std::string_view name, const MetricLabels& labels, double amount = 1.0);
  void set(std::string_view name, const MetricLabels& labels, double value);
  void observe(std::string_view name, const MetricLabels& labels, double value);
  // Called at the start of every render(), to set gauges read from elsewhere (the store, the
  // engine, the server's counters).
  void add_collector(std::function<void(Metrics&)> collector);

  std::string render();

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    double value = 0;               // counter, gauge; histogram: sum
    std::vector<double> buckets{};  // histogram: cumulative counts per bound
    double count = 0;               // histogram
  };
  struct Family {
    Type type = Type::kCounter;
    std::string help;
    std::vector<double> bounds;
    std::map<std::string, Series> series;  // by rendered labels
  };
  Family& family(std::string_view name, Type type);
  void declare(std::string name, std::string help, Type type, std::vector<double> bounds);

  std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
  std::vector<std::function<void(Metrics&)>> collectors_;
};

// {a="x",b="y"} with the label values escaped as the format requires; "" without labels.
std::string render_labels(const MetricLabels& labels);

}  // namespace sigtrader::api
