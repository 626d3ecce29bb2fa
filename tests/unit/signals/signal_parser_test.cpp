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

// "TP1 152.33" once read as "1 152" grouped like "1 152 000" and lost the target.
TEST(SignalParser, ATargetIndexEndsAtTheSpaceBeforeItsPrice) {
  const ParsedSignal parsed = parse_signal("SOL/USDT long @ 148.01 TP1 152.33 TP2 155 SL 145");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"152.33", "155"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "145");
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

TEST(SignalParser, TakesTheLongestLabelAtAPlace) {
  const ParsedSignal parsed = parse_signal(
      "#ABC/USDT\nSignal Type: Regular (Long)\n\nEntry Targets:\n1) 2.10\n\n"
      "Take-Profit Targets:\n1) 2.20\n2) 2.30\n\nStop Targets:\n1) 1.95");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"2.2", "2.3"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "1.95");
}

TEST(SignalParser, ReadsCyrillicTpAndSlLabelsAndTheirIndexes) {
  const ParsedSignal parsed =
      parse_signal("#шорт #ABCUSDT\nВход: 1.50\nТП1 1.45\nТП2 1.40\nСЛ 1.58\nх10");
  EXPECT_EQ(parsed.label, "short");
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"1.45", "1.4"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "1.58");
  EXPECT_EQ(parsed.leverage, 10);
}

TEST(SignalParser, ReadsSellTargetsOfASpotBuyAsTargetsNotADirection) {
  const ParsedSignal parsed = parse_signal(
      "XYZ/USDT (spot)\n\nAccumulate: 2.00 - 1.90\nSell targets: 2.20, 2.40\nInvalidation: 1.70");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_EQ(values(parsed.entries), (std::vector<std::string>{"2", "1.9"}));
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"2.2", "2.4"}));
}

TEST(SignalParser, ReadsAMarketEntryWrittenAfterTheDirection) {
  const ParsedSignal parsed =
      parse_signal("$ABC\n🟢 BUY NOW at market 🟢\n🎯 1.20\n🎯 1.30\n⛔ SL 0.90");
  EXPECT_EQ(parsed.label, "long");
  EXPECT_TRUE(parsed.entry_market);
  EXPECT_EQ(values(parsed.targets), (std::vector<std::string>{"1.2", "1.3"}));
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "0.9");
}

TEST(SignalParser, CallsARecapOfSeveralCoinsNeitherSignalNorUpdate) {
  EXPECT_EQ(parse_signal("Results today\n#ABC TP2 ✅\n#XYZ TP1 ✅").label, "none");
}

TEST(SignalParser, ReadsADailyCloseAsACandleNotAnOrder) {
  EXPECT_EQ(parse_signal("#SOL 150 is the level; we wait for a daily close above it.").label,
            "none");
}

TEST(SignalParser, ReadsACaughtStopAsAStopHit) {
  const ParsedSignal parsed = parse_signal("#ABC лонг — словили стоп 3.30, идём дальше");
  EXPECT_EQ(parsed.label, "update");
  ASSERT_TRUE(parsed.update);
  EXPECT_EQ(parsed.update->kind, UpdateKind::kStopHit);
}

TEST(SignalParser, ReadsARangeOfPercentagesAsTheTighterStopAndSaysSo) {
  // "5-10%" is a stop five to ten percent away, not a stop at 5. The tighter one protects the
  // trade: 0.3639 × 1.05 = 0.382095 for a short.
  const ParsedSignal parsed =
      parse_signal("#ONG/USDT Short\nEntry: 0.3639\nTargets: 0.3584 - 0.3548\nStoploss: 5-10%");
  EXPECT_EQ(parsed.label, "short");
  ASSERT_TRUE(parsed.stop_loss);
  EXPECT_EQ(parsed.stop_loss->value.to_string(), "0.382095");
  ASSERT_EQ(parsed.warnings.size(), 1U);
  EXPECT_EQ(parsed.warnings[0],
            "the stop is a range of percentages (5% to 10%); the tighter 5% is used");
}

}  // namespace
}  // namespace sigtrader::signals
