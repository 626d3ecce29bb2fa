#include "signals/signal_classifier.hpp"

#include <numeric>

#include <gtest/gtest.h>

#include "signals/understood_post.hpp"

namespace sigtrader::signals {
namespace {

double sum(const Classification& c) {
  return std::accumulate(c.probabilities.begin(), c.probabilities.end(), 0.0);
}

TEST(RuleClassifier, GivesTheParsersLabelSurerTheMoreCompleteTheSetup) {
  const RuleClassifier rules;
  const std::string full = "#BTC LONG\nEntry: 42000\nTP: 43000\nSL: 41000\nLeverage: 10x";
  const std::string bare = "#BTC LONG\nEntry: 42000\nSL: 41000";
  const Classification a = rules.classify(full, parse_signal(full));
  const Classification b = rules.classify(bare, parse_signal(bare));
  EXPECT_EQ(a.label, "long");
  EXPECT_EQ(a.classifier, "rules");
  EXPECT_EQ(b.label, "long");
  EXPECT_GT(a.confidence, b.confidence);
  EXPECT_NEAR(sum(a), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(a.probabilities[label_index("long")], a.confidence);
  const Classification chatter = rules.classify("gm fam", parse_signal("gm fam"));
  EXPECT_EQ(chatter.label, "none");
  EXPECT_NEAR(sum(chatter), 1.0, 1e-12);
}

TEST(MostProbable, PicksTheHighestAndTheFirstOfEquals) {
  EXPECT_EQ(most_probable({0.1, 0.2, 0.6, 0.1}, "x").label, "update");
  EXPECT_EQ(most_probable({0.25, 0.25, 0.25, 0.25}, "x").label, "long");
}

TEST(UnderstoodPost, ALongTakesItsSideFromTheLabelAndSaysWhenTheWordsDisagree) {
  const std::string text = "#ETH SHORT\nEntry: 3000\nSL: 3100\nTP: 2900";
  const UnderstoodPost post =
      reconcile(parse_signal(text), most_probable({0.7, 0.1, 0.1, 0.1}, "test"));
  EXPECT_EQ(post.parsed.label, "long");
  EXPECT_EQ(post.parsed.side, core::PositionSide::kLong);
  ASSERT_FALSE(post.parsed.warnings.empty());
  EXPECT_NE(post.parsed.warnings.back().find("reads as a long but its words say short"),
            std::string::npos);
}

TEST(UnderstoodPost, NoneKeepsNoFields) {
  const std::string text = "#ETH SHORT\nEntry: 3000\nSL: 3100\nTP: 2900";
  const UnderstoodPost post =
      reconcile(parse_signal(text), most_probable({0.1, 0.1, 0.1, 0.7}, "test"));
  EXPECT_EQ(post.parsed.label, "none");
  EXPECT_FALSE(post.parsed.symbol);
  EXPECT_TRUE(post.parsed.entries.empty());
  EXPECT_FALSE(post.parsed.stop_loss);
}

}  // namespace
}  // namespace sigtrader::signals
