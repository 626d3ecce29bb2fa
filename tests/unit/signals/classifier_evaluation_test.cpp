#include "signals/classifier_evaluation.hpp"

#include <set>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

LabeledPost post(std::string label, std::string channel = "c") {
  LabeledPost out;
  out.label = std::move(label);
  out.channel = std::move(channel);
  out.text = "text";
  return out;
}

UnderstoodPost given(const std::string& label, double confidence) {
  std::array<double, kLabelCount> probabilities{};
  probabilities.fill((1.0 - confidence) / 3.0);
  probabilities[label_index(label)] = confidence;
  return reconcile(ParsedSignal{}, most_probable(probabilities, "test"));
}

TEST(Evaluation, ScoresEachLabelAsWorkedByHand) {
  EvaluationBuilder builder;
  // long: 3 posts, 2 found, 1 called short. short: 1 post, found, plus the long called short.
  // update: 1 post called none. none: 3 posts, all found, plus the update called none.
  builder.add(post("long"), given("long", 0.9));
  builder.add(post("long"), given("long", 0.9));
  builder.add(post("long"), given("short", 0.6));
  builder.add(post("short"), given("short", 0.9));
  builder.add(post("update"), given("none", 0.6));
  builder.add(post("none"), given("none", 0.9));
  builder.add(post("none"), given("none", 0.9));
  builder.add(post("none"), given("none", 0.9));
  const Evaluation e = builder.finish();
  EXPECT_EQ(e.posts, 8);
  EXPECT_DOUBLE_EQ(e.accuracy, 6.0 / 8.0);
  // long: P = 2/2, R = 2/3, F1 = 2·1·(2/3) / (5/3) = 0.8.
  EXPECT_DOUBLE_EQ(e.labels[0].precision, 1.0);
  EXPECT_NEAR(e.labels[0].recall, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(e.labels[0].f1, 0.8, 1e-12);
  // short: P = 1/2, R = 1, F1 = 2/3. update: 0. none: P = 3/4, R = 1, F1 = 6/7.
  EXPECT_NEAR(e.labels[1].f1, 2.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(e.labels[2].f1, 0.0);
  EXPECT_NEAR(e.labels[3].f1, 6.0 / 7.0, 1e-12);
  EXPECT_NEAR(e.macro_f1, (0.8 + 2.0 / 3.0 + 0.0 + 6.0 / 7.0) / 4.0, 1e-12);
  EXPECT_EQ(e.confusion[0][1], 1);  // a long called short
  EXPECT_EQ(e.confusion[2][3], 1);  // an update called none
  ASSERT_EQ(e.misses.size(), 2U);
  EXPECT_EQ(e.misses[0].expected, "long");
  EXPECT_EQ(e.misses[0].got, "short");
  // Bins: 0.9 holds 6 posts, all right (gap 0.1); 0.6 holds 2, both wrong (gap 0.6).
  EXPECT_NEAR(e.calibration_error, 6.0 / 8.0 * 0.1 + 2.0 / 8.0 * 0.6, 1e-9);
}

TEST(Evaluation, ComparesFieldsExactlyOnSignalsOnly) {
  LabeledPost signal = post("long");
  signal.symbol = {true, "BTC/USDT"};
  signal.stop_loss = {true, "41000"};
  signal.entries = {true, std::vector<std::string>{"42000"}};
  const std::string text = "#BTC long\nEntry: 42000\nSL: 41000";
  signal.text = text;
  EvaluationBuilder builder;
  const RuleClassifier rules;
  builder.add(signal, understand_post(text, rules));
  LabeledPost wrong_stop = signal;
  wrong_stop.stop_loss = {true, "40000"};
  builder.add(wrong_stop, understand_post(text, rules));
  LabeledPost percent_stop = signal;  // null: the file gives no stop price to compare
  percent_stop.stop_loss = {true, std::nullopt};
  builder.add(percent_stop, understand_post(text, rules));
  const Evaluation e = builder.finish();
  EXPECT_EQ(e.fields[0].field, "symbol");
  EXPECT_EQ(e.fields[0].exact, 3);
  EXPECT_EQ(e.fields[4].field, "stop_loss");
  EXPECT_EQ(e.fields[4].scored, 2);
  EXPECT_EQ(e.fields[4].exact, 1);
  EXPECT_EQ(e.fields[2].exact, 3);
}

TEST(FoldsByChannel, KeepEachChannelInOneFoldAndBalanceTheFolds) {
  std::vector<LabeledPost> posts;
  const std::vector<std::pair<std::string, int>> channels = {{"a", 50}, {"b", 40}, {"c", 30},
                                                             {"d", 20}, {"e", 10}, {"f", 10}};
  for (const auto& [channel, count] : channels) {
    for (int i = 0; i < count; ++i)
      posts.push_back(post("none", channel));
  }
  const std::vector<int> folds = folds_by_channel(posts, 3);
  ASSERT_EQ(folds.size(), posts.size());
  std::map<std::string, std::set<int>> folds_of;
  std::vector<int> sizes(3, 0);
  for (std::size_t i = 0; i < posts.size(); ++i) {
    folds_of[posts[i].channel].insert(folds[i]);
    ++sizes[static_cast<std::size_t>(folds[i])];
  }
  for (const auto& [channel, set] : folds_of)
    EXPECT_EQ(set.size(), 1U) << channel;
  // Largest first to the smallest fold: a→0 (50), b→1 (40), c→2 (30), d→2 (50), e→1 (50),
  // f→0 (60).
  EXPECT_EQ(sizes, (std::vector<int>{60, 50, 50}));
  EXPECT_EQ(folds_by_channel(posts, 3), folds);
}

}  // namespace
}  // namespace sigtrader::signals
