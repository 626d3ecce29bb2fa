#include "signals/labeled_post.hpp"

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

TEST(LabeledPosts, ReadTheCorpusSchemaWithPricesNormalised) {
  auto posts = parse_labeled_posts(
      R"({"id": "a-1", "channel": "Calls", "text": "BTC long", "label": "long", "symbol": "BTC/USDT", "side": "long", "entries": ["42000.50"], "targets": [43000, "44000"], "stop_loss": "41000.0", "leverage": 10})"
      "\n\n"
      R"({"text": "gm", "label": "none", "stop_loss": null})",
      "posts.jsonl");
  ASSERT_TRUE(posts.ok()) << posts.error().message();
  ASSERT_EQ(posts->size(), 2U);
  const LabeledPost& signal = (*posts)[0];
  EXPECT_EQ(signal.id, "a-1");
  EXPECT_EQ(signal.channel, "Calls");
  EXPECT_EQ(signal.symbol.value, "BTC/USDT");
  EXPECT_EQ(signal.entries.value, (std::vector<std::string>{"42000.5"}));
  EXPECT_EQ(signal.targets.value, (std::vector<std::string>{"43000", "44000"}));
  EXPECT_EQ(signal.stop_loss.value, "41000");
  EXPECT_EQ(signal.leverage.value, 10);
  const LabeledPost& chatter = (*posts)[1];
  EXPECT_TRUE(chatter.stop_loss.known);
  EXPECT_FALSE(chatter.stop_loss.value.has_value());
  EXPECT_FALSE(chatter.symbol.known);  // absent: nothing to score
}

TEST(LabeledPosts, NameTheFileAndLineOfABadLine) {
  const auto bad_label = parse_labeled_posts(
      "{\"text\": \"a\", \"label\": \"none\"}\n{\"text\": \"b\", \"label\": "
      "\"maybe\"}\n",
      "posts.jsonl");
  ASSERT_FALSE(bad_label.ok());
  EXPECT_EQ(bad_label.error().message(),
            "posts.jsonl:2: \"label\" must be one of long, short, update, none");
  const auto not_json = parse_labeled_posts("{\"text\": \"a\", \"label\": \"none\"}\n{oops\n", "p");
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.error().message().find("p:2: not JSON"), std::string::npos);
  const auto bad_price =
      parse_labeled_posts(R"({"text": "a", "label": "long", "stop_loss": "soon"})", "p");
  ASSERT_FALSE(bad_price.ok());
  EXPECT_EQ(bad_price.error().message(), "p:1: \"stop_loss\": 'soon' is not a decimal price");
  EXPECT_FALSE(parse_labeled_posts("\n\n", "empty").ok());
}

TEST(LabeledPosts, AMissingFileIsNotFound) {
  const auto posts = read_labeled_posts("/nonexistent/posts.jsonl");
  ASSERT_FALSE(posts.ok());
  EXPECT_EQ(posts.error().code(), core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace sigtrader::signals
