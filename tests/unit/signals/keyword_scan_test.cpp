#include "signals/keyword_scan.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::vector<std::string> hits(const KeywordSet& set, const std::vector<Keyword>& words,
                              std::string_view lower) {
  std::vector<std::string> out;
  set.scan(lower, [&](const KeywordHit& hit) {
    out.push_back(std::string(words[hit.index].text) + "@" + std::to_string(hit.begin));
  });
  return out;
}

TEST(KeywordSet, FindsEveryWordInTextOrderLongestFirstAtAPlace) {
  const std::vector<Keyword> words{
      {"stop", WordEdge::kWord}, {"stop targets", WordEdge::kWord}, {"targets", WordEdge::kWord}};
  const KeywordSet set(words);
  EXPECT_EQ(hits(set, words, "stop targets: 1"),
            (std::vector<std::string>{"stop targets@0", "stop@0", "targets@5"}));
}

TEST(KeywordSet, KeepsWordEdgesInAnyScript) {
  const std::vector<Keyword> words{
      {"sl", WordEdge::kWord}, {"тп", WordEdge::kPrefix}, {"close", WordEdge::kAnywhere}};
  const KeywordSet set(words);
  // "slow" is not "sl"; "тп1" starts with "тп"; "closed" holds "close" anywhere.
  EXPECT_EQ(hits(set, words, "slow sl тп1 xтп closed"),
            (std::vector<std::string>{"sl@5", "тп@8", "close@20"}));
  // An emoji before a word is no letter: "⛔sl".
  EXPECT_EQ(hits(set, words, "\xe2\x9b\x94sl"), (std::vector<std::string>{"sl@3"}));
}

TEST(KeywordSet, TellsLettersOfAnyScriptFromSymbols) {
  EXPECT_TRUE(letter_before("тп1", 4));   // П
  EXPECT_TRUE(letter_before("điểm", 2));  // đ
  EXPECT_FALSE(
      letter_before("\xf0\x9f\x8e\xaf"
                    "1",
                    4));  // 🎯
  EXPECT_FALSE(letter_before("1", 0));
  EXPECT_TRUE(letter_at("ý", 0));
  EXPECT_FALSE(letter_at("→", 0));
}

}  // namespace
}  // namespace sigtrader::signals
