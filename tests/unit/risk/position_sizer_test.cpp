#include "risk/position_sizer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::risk {
namespace {

using core::Decimal;
using core::ErrorCode;
using core::Money;
using core::Price;
using core::Quantity;
using ::testing::ElementsAre;

// BTC/USDT with a step of 0.001 BTC and a minimum notional of 20 USDT unless a test says
// otherwise.
core::Instrument btc_usdt(std::string_view step = "0.001", std::string_view min_qty = "0.001",
                          std::string_view min_notional = "20") {
  return core::Instrument{core::Symbol{"BTC", "USDT"},
                          "sim",
                          core::InstrumentKind::kPerpetual,
                          Price::parse("0.01"),
                          Quantity::parse(step),
                          Quantity::parse(min_qty),
                          Money::parse(min_notional),
                          20};
}

EntryRequest entry_at(std::string_view entry, std::optional<std::string_view> stop,
                      core::PositionSide side = core::PositionSide::kLong) {
  EntryRequest request;
  request.channel = core::ChannelId("telegram:-1001");
  request.symbol = core::Symbol{"BTC", "USDT"};
  request.side = side;
  request.entry = Price::parse(entry);
  if (stop) request.stop_loss = Price::parse(*stop);
  return request;
}

SizingInput equity_of(std::string_view equity) {
  return SizingInput{Money::parse(equity), {}, {}};
}

SizerConfig risk_percent(std::string_view percent) {
  return SizerConfig{RiskPerTrade{Decimal::parse(percent)}, std::nullopt, std::nullopt};
}

std::vector<std::string> notes_of(const SizedEntry& sized) {
  std::vector<std::string> texts;
  for (const auto& note : sized.notes)
    texts.push_back(note.code + ": " + note.text);
  return texts;
}

std::string refusal(const core::Result<SizedEntry>& result) {
  return result.ok() ? "(sized " + result->quantity.to_string() + ")" : result.error().message();
}

TEST(PositionSizer, RiskPerTradeSizesSoTheStopCostsTheRiskPercent) {
  // 1 % of 10000 USDT = 100 USDT; the stop is 42000 − 41160 = 840 away;
  // 100 / 840 = 0.1190476… BTC → 0.119 BTC at the step 0.001.
  // Notional 0.119 × 42000 = 4998 USDT; the stop costs 0.119 × 840 = 99.96 USDT (<= 100).
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "41160"), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.119"));
  EXPECT_EQ(sized->notional, Money::parse("4998"));
  ASSERT_TRUE(sized->risk_at_stop.has_value());
  EXPECT_EQ(*sized->risk_at_stop, Money::parse("99.96"));
  EXPECT_THAT(notes_of(*sized),
              ElementsAre("sized: risk 1 % of equity 10000 USDT = 100 USDT over the stop "
                          "distance 840",
                          "rounded_to_step: 0.1190476 BTC rounded down to the step 0.001: "
                          "0.119 BTC"));
}

TEST(PositionSizer, RiskPerTradeMeasuresTheStopOfAShortTheSameWay) {
  // Stop 42840 above a short entry at 42000: again 840 away → 0.119 BTC.
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "42840", core::PositionSide::kShort),
                 btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.119"));
}

TEST(PositionSizer, AnExactWholeStepIsNotRoundedAway) {
  // 1 % of 10000 = 100 USDT over 800 = 0.125 BTC exactly: no rounding, no note.
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "41200"), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.125"));
  EXPECT_EQ(sized->notes.size(), 1u);
  // 0.7 % of 1000 = 7 USDT over 100 = 0.07 exactly, where 0.007 × 1000 / 100 in double is not.
  const auto small = size_entry(risk_percent("0.7"), entry_at("1000", "900"),
                                btc_usdt("0.01", "0.01", "5"), equity_of("1000"));
  ASSERT_TRUE(small.ok()) << small.error().message();
  EXPECT_EQ(small->quantity, Quantity::parse("0.07"));
}

TEST(PositionSizer, RiskPerTradeRefusesAnEntryWithoutAStopLoss) {
  const auto sized = size_entry(risk_percent("1"), entry_at("42000", std::nullopt), btc_usdt(),
                                equity_of("10000"));
  ASSERT_FALSE(sized.ok());
  EXPECT_EQ(sized.error().code(), ErrorCode::kRejected);
  EXPECT_EQ(sized.error().message(),
            "risk-per-trade sizing needs a stop-loss; the BTC/USDT entry has none");
}

TEST(PositionSizer, RiskPerTradeRefusesAStopAtTheEntry) {
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "42000.00"), btc_usdt(), equity_of("10000"));
  EXPECT_EQ(refusal(sized), "the stop 42000 equals the entry");
}

TEST(PositionSizer, FixedNotionalBuysTheQuoteAmountAtTheEntry) {
  // 500 / 42000 = 0.0119047… → 0.011 BTC; notional 0.011 × 42000 = 462 USDT. No stop, no risk.
  const SizerConfig config{FixedNotional{Money::parse("500")}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", std::nullopt), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.011"));
  EXPECT_EQ(sized->notional, Money::parse("462"));
  EXPECT_FALSE(sized->risk_at_stop.has_value());
  EXPECT_EQ(sized->notes.front().text, "fixed notional 500 USDT at the entry 42000");
}

TEST(PositionSizer, FixedNotionalReportsTheRiskAtTheRequestsStop) {
  // 0.011 BTC with the stop 840 away: 0.011 × 840 = 9.24 USDT.
  const SizerConfig config{FixedNotional{Money::parse("500")}, std::nullopt, std::nullopt};
  const auto sized = size_entry(config, entry_at("42000", "41160"), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(*sized->risk_at_stop, Money::parse("9.24"));
}

TEST(PositionSizer, PercentOfEquityBuysAShareOfEquity) {
  // 2.5 % of 10000 = 250 USDT; 250 / 42000 = 0.0059523… → 0.005 BTC = 210 USDT.
  const SizerConfig config{PercentOfEquity{Decimal::parse("2.5")}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", std::nullopt), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.005"));
  EXPECT_EQ(sized->notional, Money::parse("210"));
  EXPECT_EQ(sized->notes.front().text, "2.5 % of equity 10000 USDT = 250 USDT at the entry 42000");
}

TEST(PositionSizer, AtrRiskPutsTheStopAMultipleOfTheAtrAway) {
  // 2 × ATR 300 = 600; 100 / 600 = 0.1666… → 0.166 BTC; the 600 stop costs 0.166 × 600 = 99.6.
  // The request's own stop (840 away) does not size the entry.
  const SizerConfig config{AtrRisk{Decimal::parse("1"), Decimal::parse("2")}, std::nullopt,
                           std::nullopt};
  SizingInput input = equity_of("10000");
  input.atr = Price::parse("300");
  const auto sized = size_entry(config, entry_at("42000", "41160"), btc_usdt(), input);
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.166"));
  EXPECT_EQ(*sized->risk_at_stop, Money::parse("99.6"));
  EXPECT_EQ(sized->notes.front().text,
            "risk 1 % of equity 10000 USDT = 100 USDT over 2 × ATR 300 = 600");
}

TEST(PositionSizer, AtrRiskRefusesWhenTheAtrIsUnknown) {
  const SizerConfig config{AtrRisk{Decimal::parse("1")}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", std::nullopt), btc_usdt(), equity_of("10000"));
  EXPECT_EQ(refusal(sized), "ATR sizing needs the ATR of BTC/USDT; none is known yet");
}

SizingInput with_record(double win_rate, double average_win_r, int closed_signals) {
  SizingInput input = equity_of("10000");
  input.channel_trust = ChannelTrust{win_rate, average_win_r, closed_signals};
  return input;
}

TEST(PositionSizer, KellyRiskPutsHalfTheKellyFractionAtRisk) {
  // W 0.55, R 1.5: f* = 0.55 − 0.45 / 1.5 = 0.25; half Kelly 0.125 of 10000 = 1250 USDT at risk.
  // 1250 / 840 = 1.4880952… → 1.488 BTC; notional 62496 USDT fits leverage 10 × 10000.
  const SizerConfig config{KellyRisk{Decimal::parse("0.5"), Decimal::parse("20"), 30}, std::nullopt,
                           std::nullopt};
  EntryRequest request = entry_at("42000", "41160");
  request.leverage = 10;
  const auto sized = size_entry(config, request, btc_usdt(), with_record(0.55, 1.5, 40));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("1.488"));
  EXPECT_EQ(*sized->risk_at_stop, Money::parse("1249.92"));
  EXPECT_EQ(sized->notes.front().text,
            "Kelly 0.25 × 0.5 = 0.125 of equity at risk: 1250 USDT over the stop distance 840");
}

TEST(PositionSizer, KellyRiskIsCappedAtTheMaximumRiskPercent) {
  // Half Kelly 0.125 above the default cap of 2 %: 200 USDT at risk; 200 / 840 = 0.238095…
  // → 0.238 BTC.
  const SizerConfig config{KellyRisk{}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", "41160"), btc_usdt(), with_record(0.55, 1.5, 40));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.238"));
  EXPECT_EQ(sized->notes.front().text,
            "Kelly 0.25 × 0.5 = 0.125 of equity at risk, capped at 2 %: 200 USDT over the stop "
            "distance 840");
}

TEST(PositionSizer, KellyRiskRefusesAChannelWithNoEdge) {
  // W 0.3, R 1: f* = 0.3 − 0.7 = −0.4.
  const SizerConfig config{KellyRisk{}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", "41160"), btc_usdt(), with_record(0.3, 1.0, 40));
  EXPECT_EQ(refusal(sized),
            "the Kelly fraction -0.4 (win rate 0.3, average win 1 R) is not positive: the "
            "channel 'telegram:-1001' shows no edge");
  // W 0.4, R 1.5: f* = 0.4 − 0.6 / 1.5 = 0, no edge either.
  EXPECT_FALSE(
      size_entry(config, entry_at("42000", "41160"), btc_usdt(), with_record(0.4, 1.5, 40)).ok());
}

TEST(PositionSizer, KellyRiskRefusesAChannelWithTooFewSignals) {
  const SizerConfig config{KellyRisk{}, std::nullopt, std::nullopt};
  EXPECT_EQ(refusal(size_entry(config, entry_at("42000", "41160"), btc_usdt(),
                               with_record(0.55, 1.5, 12))),
            "Kelly sizing needs at least 30 closed signals of the channel 'telegram:-1001'; it "
            "has 12");
  EXPECT_EQ(
      refusal(size_entry(config, entry_at("42000", "41160"), btc_usdt(), equity_of("10000"))),
      "Kelly sizing needs at least 30 closed signals of the channel 'telegram:-1001'; it has 0");
}

SizerConfig risk_one_percent_trusted() {
  return SizerConfig{RiskPerTrade{Decimal::parse("1")}, TrustWeighting{}, std::nullopt};
}

TEST(PositionSizer, TrustScalesTheSizeByTheChannelsExpectancy) {
  // W 0.3, R 1: E = 0.3 − 0.7 = −0.4 R → multiplier 0.6; 100 × 0.6 = 60 USDT at risk;
  // 60 / 840 = 0.0714285… → 0.071 BTC.
  const auto sized = size_entry(risk_one_percent_trusted(), entry_at("42000", "41160"), btc_usdt(),
                                with_record(0.3, 1.0, 25));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.071"));
  EXPECT_THAT(notes_of(*sized),
              ElementsAre(::testing::_,
                          "trust_scaled: scaled by channel trust 0.6 (win rate 0.3, average win "
                          "1 R, expectancy -0.4 R over 25 signals)",
                          "rounded_to_step: 0.0714285 BTC rounded down to the step 0.001: "
                          "0.071 BTC"));
}

TEST(PositionSizer, TrustOfAnExcellentChannelIsCapped) {
  // W 0.6, R 2: E = 1.2 − 0.4 = 0.8 → 1.8, capped at 1.5; 150 / 840 = 0.178571… → 0.178 BTC.
  const auto sized = size_entry(risk_one_percent_trusted(), entry_at("42000", "41160"), btc_usdt(),
                                with_record(0.6, 2.0, 25));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.178"));
}

TEST(PositionSizer, TrustIsNeutralForAChannelWithFewSignals) {
  // 5 closed signals, 20 required: the base 0.119 BTC, with a note saying why.
  const auto sized = size_entry(risk_one_percent_trusted(), entry_at("42000", "41160"), btc_usdt(),
                                with_record(0.1, 1.0, 5));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.119"));
  EXPECT_EQ(sized->notes.at(1).code, "trust_neutral");
  EXPECT_EQ(sized->notes.at(1).text,
            "the channel 'telegram:-1001' has 5 closed signals, fewer than 20: size not scaled "
            "by trust");
}

TEST(PositionSizer, SizeIsCappedAtLeverageTimesEquity) {
  // A stop 42 away: 100 / 42 = 2.38 BTC = 100000 USDT, far above 1x × 10000 USDT.
  // Cap: 10000 / 42000 = 0.2380952… → 0.238 BTC.
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "41958"), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.238"));
  EXPECT_EQ(sized->notes.at(1).text,
            "2.3809523 BTC capped at the leverage 1x × equity 10000 USDT = 10000 USDT notional: "
            "0.2380952 BTC");
}

TEST(PositionSizer, SizeIsCappedAtTheMaximumNotional) {
  // 0.119 BTC (4998 USDT) asked; max 2000 USDT: 2000 / 42000 = 0.0476190… → 0.047 BTC.
  SizerConfig config = risk_percent("1");
  config.max_notional = Money::parse("2000");
  const auto sized = size_entry(config, entry_at("42000", "41160"), btc_usdt(), equity_of("10000"));
  ASSERT_TRUE(sized.ok()) << sized.error().message();
  EXPECT_EQ(sized->quantity, Quantity::parse("0.047"));
  EXPECT_EQ(sized->notes.at(1).code, "capped");
}

TEST(PositionSizer, RefusesASizeBelowTheMinimumNotional) {
  // 16.8 / 42000 = 0.0004 BTC exactly, worth 16.8 USDT: below the 20 USDT minimum.
  const SizerConfig config{FixedNotional{Money::parse("16.8")}, std::nullopt, std::nullopt};
  const auto sized = size_entry(config, entry_at("42000", std::nullopt),
                                btc_usdt("0.0001", "0.0001", "20"), equity_of("10000"));
  ASSERT_FALSE(sized.ok());
  EXPECT_EQ(sized.error().code(), ErrorCode::kRejected);
  EXPECT_EQ(sized.error().message(),
            "size 0.0004 BTC (16.8 USDT) is below the minimum notional 20 USDT");
}

TEST(PositionSizer, RefusesASizeBelowTheMinimumQuantity) {
  // 300 / 42000 = 0.00714… → 0.007 BTC, below the minimum 0.01 BTC.
  const SizerConfig config{FixedNotional{Money::parse("300")}, std::nullopt, std::nullopt};
  const auto sized = size_entry(config, entry_at("42000", std::nullopt),
                                btc_usdt("0.001", "0.01", "5"), equity_of("10000"));
  EXPECT_EQ(refusal(sized), "size 0.007 BTC is below the minimum quantity 0.01 BTC");
}

TEST(PositionSizer, RefusesASizeThatRoundsDownToZero) {
  // 30 / 42000 = 0.000714… BTC, less than one step of 0.001.
  const SizerConfig config{FixedNotional{Money::parse("30")}, std::nullopt, std::nullopt};
  const auto sized =
      size_entry(config, entry_at("42000", std::nullopt), btc_usdt(), equity_of("10000"));
  EXPECT_EQ(refusal(sized), "size 0.0007142 BTC rounds down to 0 at the step 0.001 BTC");
}

TEST(PositionSizer, RefusesToSizeFromNoEquity) {
  const auto sized =
      size_entry(risk_percent("1"), entry_at("42000", "41160"), btc_usdt(), equity_of("0"));
  EXPECT_EQ(refusal(sized), "equity 0 USDT leaves nothing to size from");
}

TEST(PositionSizer, ValidateNamesTheFieldOutOfRange) {
  auto status = validate(risk_percent("0"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().message(),
            "risk_percent 0 must be in (0, 100] with at most 16 decimals");
  status = validate(SizerConfig{KellyRisk{Decimal::parse("1.5")}, std::nullopt, std::nullopt});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(), "kelly_multiplier 1.5 must be in (0, 1] (0.5 is half Kelly)");
  SizerConfig capped = risk_percent("1");
  capped.max_notional = Money::parse("0");
  EXPECT_FALSE(validate(capped).ok());
  EXPECT_TRUE(validate(risk_one_percent_trusted()).ok());
  // size_entry refuses an invalid config before it sizes anything.
  EXPECT_FALSE(
      size_entry(risk_percent("150"), entry_at("42000", "41160"), btc_usdt(), equity_of("10000"))
          .ok());
}

}  // namespace
}  // namespace sigtrader::risk
