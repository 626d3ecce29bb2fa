#include "signals/model_text.hpp"

#include <string>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::string model_text(std::string_view text) {
  std::string out;
  write_model_text(text, parse_signal(text), out);
  return out;
}

// The words before the evidence tokens, which start at "_rule_".
std::string words(std::string_view text) {
  const std::string out = model_text(text);
  return out.substr(0, out.find(" _rule_"));
}

TEST(ModelText, MapsNumbersPercentagesLeverageAndCoinsToTokens) {
  EXPECT_EQ(words("Buy 42,500.5 now, +5% then 10x"), "buy <num> now <pct> then <lev>");
  EXPECT_EQ(words("#SOL and $PEPE and ETHUSDT and 1000PEPE"),
            "<coin> and <coin> and <coin> and <coin>");
  EXPECT_EQ(words("Leverage x20, 1.2k volume"), "leverage <lev> <num> volume");
}

TEST(ModelText, LowersLatinAndCyrillicAndKeepsLineBreaksOnce) {
  EXPECT_EQ(words("ЛОНГ По Рынку\n\n\nSTOP"), "лонг по рынку <nl> stop");
}

TEST(ModelText, KeepsEmojisAndCjkCharactersAsTokensAndDropsPunctuation) {
  EXPECT_EQ(words("🟢 做多 — ok!"), "🟢 做 多 ok");
}

TEST(ModelText, EndsWithTheParsersEvidence) {
  const std::string text = "#BTC LONG\nEntry: 42000\nTP: 43000\nSL: 41000\nLeverage: 10x";
  const std::string out = model_text(text);
  EXPECT_NE(out.find("_rule_long _sym _side_long _entry _targets _stop _lev"), std::string::npos)
      << out;
  EXPECT_NE(model_text("gm everyone").find("_rule_none"), std::string::npos);
}

TEST(ModelText, ReadsOnlyTheHeadOfAVeryLongPost) {
  std::string text;
  for (int i = 0; i < 5000; ++i)
    text += "word ";
  const std::string head = words(text);
  int tokens = 1;
  for (const char c : head)
    tokens += c == ' ';
  EXPECT_EQ(tokens, kModelTextMaxTokens);
}

TEST(ModelText, ReusesTheBufferItIsGiven) {
  std::string out;
  write_model_text("Long BTC 42000", parse_signal("Long BTC 42000"), out);
  const std::string first = out;
  write_model_text("Long BTC 42000", parse_signal("Long BTC 42000"), out);
  EXPECT_EQ(out, first);
}

}  // namespace
}  // namespace sigtrader::signals
