#include "signals/ner_tokens.hpp"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::vector<std::string> token_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const PostToken& token : tokenize_post(text))
    out.emplace_back(token.text);
  return out;
}

using Tagged = std::vector<std::pair<std::string, std::string>>;

Tagged tags(std::string_view text, const LabelEntities& entities) {
  Tagged out;
  for (const TaggedToken& token : bio_tag(text, entities))
    out.emplace_back(std::string(token.text), token.tag);
  return out;
}

TEST(NerTokens, PunctuationIsSplitOffButNumbersAndTickersStayWhole) {
  EXPECT_EQ(token_texts("#BTC $ETH BTCUSDT: buy (42,500.5 - 43000), sl 0.00001234."),
            (std::vector<std::string>{"#BTC", "$ETH", "BTCUSDT", ":", "buy", "(", "42,500.5", "-",
                                      "43000", ")", ",", "sl", "0.00001234", "."}));
  EXPECT_EQ(token_texts("TP1:44000;TP2:45000"),
            (std::vector<std::string>{"TP1", ":", "44000", ";", "TP2", ":", "45000"}));
  EXPECT_EQ(token_texts("BTC/USDT 10x 5%"), (std::vector<std::string>{"BTC/USDT", "10x", "5%"}));
}

TEST(NerTokens, TokensKeepTheirByteOffsetsAcrossUtf8AndLineBreaks) {
  const std::string text = "Вход:\xc2\xa0 100\n🚀 go";
  const std::vector<PostToken> tokens = tokenize_post(text);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[0].text, "Вход");
  EXPECT_EQ(tokens[0].span, (TextSpan{0, 8}));
  EXPECT_EQ(tokens[1].span, (TextSpan{8, 9}));
  EXPECT_EQ(tokens[2].text, "100");
  EXPECT_EQ(tokens[2].span, (TextSpan{12, 15}));
  EXPECT_EQ(tokens[3].text, "🚀");
  EXPECT_EQ(tokens[4].span, (TextSpan{21, 23}));
}

TEST(NerTokens, FieldsAreTaggedBioFromTheirSpans) {
  // 0 "ETH/USDT" 8 · 9 "SHORT" 14 · 15 "Entry" 20 ":" 22 "2500" 26 "-" 27 "2550" 31 ·
  // 32 "Targets" 39 ":" 41 "2400" 45 "," 47 "2300" 51 · 52 "SL" 54 ":" 56 "2600" 60 · 61 "x20" 64
  const std::string text = "ETH/USDT SHORT Entry: 2500-2550 Targets: 2400, 2300 SL: 2600 x20";
  LabelEntities entities;
  entities.symbol = EntityValue{"ETH/USDT", TextSpan{0, 8}};
  entities.side = EntityValue{"short", TextSpan{9, 14}};
  entities.entries = {EntityValue{"2500", TextSpan{22, 26}}, EntityValue{"2550", TextSpan{27, 31}}};
  entities.targets = {EntityValue{"2400", TextSpan{41, 45}}, EntityValue{"2300", TextSpan{47, 51}}};
  entities.stop_loss = EntityValue{"2600", TextSpan{56, 60}};
  entities.leverage = EntityValue{"20", TextSpan{61, 64}};
  EXPECT_EQ(tags(text, entities), (Tagged{{"ETH/USDT", "B-SYMBOL"},
                                          {"SHORT", "B-SIDE"},
                                          {"Entry", "O"},
                                          {":", "O"},
                                          {"2500", "B-ENTRY"},
                                          {"-", "O"},
                                          {"2550", "B-ENTRY"},
                                          {"Targets", "O"},
                                          {":", "O"},
                                          {"2400", "B-TARGET"},
                                          {",", "O"},
                                          {"2300", "B-TARGET"},
                                          {"SL", "O"},
                                          {":", "O"},
                                          {"2600", "B-STOP_LOSS"},
                                          {"x20", "B-LEVERAGE"}}));
}

TEST(NerTokens, ASpanOverSeveralTokensIsBThenI) {
  // 0 "BTC" 3 " " 4 "-" 5 " " 6 "USDT" 10 · 11 "long"
  const std::string text = "BTC - USDT long";
  LabelEntities entities;
  entities.symbol = EntityValue{"BTC/USDT", TextSpan{0, 10}};
  EXPECT_EQ(tags(text, entities),
            (Tagged{{"BTC", "B-SYMBOL"}, {"-", "I-SYMBOL"}, {"USDT", "I-SYMBOL"}, {"long", "O"}}));
}

TEST(NerTokens, ATokenTouchingASpanIsTaggedAndFieldsWithoutSpansTagNothing) {
  // The parser's symbol span of "#BTC" may start after the '#'.
  const std::string text = "#BTC 10x";
  LabelEntities entities;
  entities.symbol = EntityValue{"BTC/USDT", TextSpan{1, 4}};
  entities.leverage = EntityValue{"10", std::nullopt};
  EXPECT_EQ(tags(text, entities), (Tagged{{"#BTC", "B-SYMBOL"}, {"10x", "O"}}));
  EXPECT_EQ(tags(text, LabelEntities{}), (Tagged{{"#BTC", "O"}, {"10x", "O"}}));
}

}  // namespace
}  // namespace sigtrader::signals
