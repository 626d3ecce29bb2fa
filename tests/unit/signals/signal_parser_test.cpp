#include "signals/signal_parser.hpp"

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

std::vector<std::string> values(const std::vector<PriceField>& fields) {
  std::vector<std::string> out;
  for (const PriceField& field : fields)
    out.push_back(field.value.to_string());
  return out;
}

TEST(SignalParser, ReadsALabelledTemplate) {
  const std::string text =
      "📊 #SOLUSDT\nDirection: LONG 🟢\nEntry zone: 142.5 - 144\nTargets: 146 - 148.2 - 152\n"
      "Stop loss: 139.8\nLeverage: Isolated 10x";
  const ParsedSignal parsed = parse_signal(text);
  EXPECT_EQ(parsed.label, "long");
  ASSERT_TRUE(parsed.symbol);
  EXPECT_EQ(parsed.symbol->to_string(), "SOL/USDT");
  EXPECT_EQ(
      text.substr(parsed.symbol_span.begin, parsed.symbol_span.end - parsed.symbol_span.begin),
      "#SOLUSDT");
  EXPECT_EQ(values(parsed.entries), (std::vector<std::string>{"142.5", "144"}));
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"146", "148.2", "152"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "139.8");
  EXPECT_EQ(text.substr(parsed.stop_loss->span.begin, 5), "139.8");
  EXPECT_EQ(parsed.leverage, 10);
  EXPECT_EQ(parsed.margin_mode, "isolated");
  EXPECT_TRUE(parsed.warnings.empty());
}

TEST(SignalParser, ReadsAOneLinerWithThousandsAndTpNumbers) {
  const ParsedSignal parsed =
      parse_signal("BTC/USDT short @ 68,250 TP1 67,400 TP2 66 900 SL 69,100 (cross 25x)");
  EXPECT_EQ(parsed.label, "short");
  EXPECT_EQ(values(parsed.entries), (std::vector<std::string>{"68250"}));
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"67400", "66900"}));
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "69100");
  EXPECT_EQ(parsed.leverage, 25);
  EXPECT_EQ(parsed.margin_mode, "cross");
}

TEST(SignalParser, ReadsRussianAndResolvesPercentages) {
  const ParsedSignal parsed =
      parse_signal("$ETH ЛОНГ\nВход: 2400\nТейк: +5%, +10%\nСтоп: 2%\nПлечо х5");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"2520", "2640"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "2352");
  EXPECT_EQ(parsed.leverage, 5);
}

TEST(SignalParser, MarketEntry) {
  const ParsedSignal parsed = parse_signal("#DOGE SHORT\nEntry: CMP\nTP: 0.081 0.078\nSL: 0.0905");
  EXPECT_EQ(parsed.label, "short");
  EXPECT_TRUE(parsed.entry_market);
  EXPECT_TRUE(parsed.entries.empty());
}

TEST(SignalParser, FlagsAStopOnTheWrongSideWithoutFixingIt) {
  const ParsedSignal parsed = parse_signal("#ADA long\nEntry 0.45\nTarget 0.48\nSL 0.47");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "0.47");
  ASSERT_EQ(parsed.warnings.size(), 1u);
  EXPECT_NE(parsed.warnings[0].find("stop 0.47 is above the entry 0.45"), std::string::npos);
}

TEST(SignalParser, RecognisesUpdates) {
  auto target = parse_signal("#AVAX TP2 reached ✅ +18% profit");
  EXPECT_EQ(target.label, "update");
  ASSERT_TRUE(target.update);
  EXPECT_EQ(target.update->kind, UpdateKind::kTargetHit);
  EXPECT_EQ(target.update->target, 2);

  auto move = parse_signal("#AVAX move stop to breakeven");
  EXPECT_EQ(move.label, "update");
  EXPECT_EQ(move.update->kind, UpdateKind::kMoveStop);

  auto close = parse_signal("Close 30% of the position here");
  EXPECT_EQ(close.label, "update");
  EXPECT_EQ(close.update->kind, UpdateKind::kClose);
  EXPECT_EQ(close.update->fraction->to_string(), "0.3");

  auto cancel = parse_signal("#NEAR signal cancelled, entry not reached");
  EXPECT_EQ(cancel.label, "update");
  EXPECT_EQ(cancel.update->kind, UpdateKind::kCancel);
}

TEST(SignalParser, CommentaryIsNotASignal) {
  EXPECT_EQ(parse_signal("BTC rejected 42k again, careful with longs here").label, "none");
  EXPECT_EQ(parse_signal("GM fam ☀️ new week, new opportunities").label, "none");
  EXPECT_EQ(parse_signal("").label, "none");
}

}  // namespace
}  // namespace sigtrader::signals
