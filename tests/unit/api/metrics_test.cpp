#include "api/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::api {
namespace {

using ::testing::HasSubstr;

TEST(Metrics, RendersCountersWithHelpTypeAndLabels) {
  Metrics metrics;
  metrics.declare_counter("requests_total", "Requests.");
  metrics.add("requests_total", {{"route", "/a"}, {"status", "200"}});
  metrics.add("requests_total", {{"route", "/a"}, {"status", "200"}}, 2);
  EXPECT_EQ(metrics.render(),
            "# HELP requests_total Requests.\n"
            "# TYPE requests_total counter\n"
            "requests_total{route=\"/a\",status=\"200\"} 3\n");
}

TEST(Metrics, RendersAHistogramWithCumulativeBucketsSumAndCount) {
  Metrics metrics;
  metrics.declare_histogram("latency_seconds", "Latency.", {0.1, 1});
  // 0.05 falls in every bucket, 0.5 in le=1 only, 2 only in +Inf.
  for (const double value : {0.05, 0.5, 2.0})
    metrics.observe("latency_seconds", {}, value);
  EXPECT_EQ(metrics.render(),
            "# HELP latency_seconds Latency.\n"
            "# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{le=\"0.1\"} 1\n"
            "latency_seconds_bucket{le=\"1\"} 2\n"
            "latency_seconds_bucket{le=\"+Inf\"} 3\n"
            "latency_seconds_sum 2.55\n"
            "latency_seconds_count 3\n");
}

TEST(Metrics, EscapesLabelValuesAsTheFormatRequires) {
  EXPECT_EQ(render_labels({{"path", "a\"b\\c\nd"}}), "{path=\"a\\\"b\\\\c\\nd\"}");
}

TEST(Metrics, CollectorsSetGaugesAtRenderTime) {
  Metrics metrics;
  metrics.declare_gauge("clients", "Clients.");
  int calls = 0;
  metrics.add_collector([&](Metrics& m) { m.set("clients", {}, ++calls * 10); });
  EXPECT_THAT(metrics.render(), HasSubstr("clients 10\n"));
  EXPECT_THAT(metrics.render(), HasSubstr("clients 20\n"));
}

TEST(Metrics, UsingAnUndeclaredFamilyIsABug) {
  Metrics metrics;
  EXPECT_THROW(metrics.add("nope", {}), std::logic_error);
}

}  // namespace
}  // namespace sigtrader::api
